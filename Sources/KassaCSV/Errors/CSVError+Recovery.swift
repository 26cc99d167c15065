extension CSVError.Code {
    /// Whether this error concerns one row only, so reading can go on with the next row
    /// (to list every bad row before refusing a file). Errors of the file itself, or of the
    /// quoting that frames every row after it, are not.
    public var isRowProblem: Bool {
        self == .wrongFieldCount || self == .invalidValue || self == .conflictingRows
    }
}
