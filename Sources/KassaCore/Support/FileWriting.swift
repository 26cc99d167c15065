import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to a file descriptor, for the files Kassa must not leave half-written (staged
/// voucher and order files, the SMS outbox, exports).
public enum FileWriting {
    /// Writes every byte of `bytes` to `descriptor`, again after an interrupted or partial
    /// write; 0 when all were written, else the `errno` of the write that failed.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += count
        }
        return 0
    }
}
