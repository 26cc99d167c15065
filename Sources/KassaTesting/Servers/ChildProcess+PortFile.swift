import Foundation

extension ChildProcess {
    /// The first `python3` on `PATH`, for test servers written in Python.
    public static var python: String {
        ScriptedHTTPServer.python
    }

    /// The port a test server wrote to `path` (a number and a line end) once it listens;
    /// throws with the server's output when it stops or `timeout` seconds pass first.
    public func waitForPort(inFile path: String, timeout: Double = 20) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasSuffix("\n"),
               let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return port
            }
            guard isRunning else {
                throw TestServerError("\(name) stopped before it listened:\n\(output.suffix(2000))")
            }
            usleep(20_000)
        }
        throw TestServerError("\(name) did not listen within \(timeout) seconds:\n\(output.suffix(2000))")
    }
}
