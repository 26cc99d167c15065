/// A test server could not be started or did not behave: the sentence says which and why.
public struct TestServerError: Error, CustomStringConvertible {
    /// What went wrong, naming the server and the file or port involved.
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) {
        self.description = description
    }
}
