import Foundation

/// Where a reader's bytes come from: an open file, read in chunks, or bytes already in memory.
enum ByteSource {
    case file(descriptor: Int32)
    case data(Data, offset: Int)

    /// Opens `path` for reading.
    static func open(path: String, fileName: String) throws -> ByteSource {
        let descriptor = path.withCString { Foundation.open($0, O_RDONLY) }
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw CSVError(.unreadableFile, file: fileName, reason: "cannot be opened: \(reason)")
        }
        return .file(descriptor: descriptor)
    }

    /// Reads up to `buffer.count` bytes into `buffer`; 0 means the end of the input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer, fileName: String) throws -> Int {
        switch self {
        case .file(let descriptor):
            while true {
                let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
                if count >= 0 { return count }
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw CSVError(.unreadableFile, file: fileName, reason: "cannot be read: \(reason)")
            }
        case .data(let data, let offset):
            let count = min(buffer.count, data.count - offset)
            guard count > 0 else { return 0 }
            let start = data.index(data.startIndex, offsetBy: offset)
            data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: start..<(start + count))
            self = .data(data, offset: offset + count)
            return count
        }
    }

    /// Releases the file, if any.
    func close() {
        if case .file(let descriptor) = self { _ = Foundation.close(descriptor) }
    }
}
