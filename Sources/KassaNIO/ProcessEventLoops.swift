import NIOCore
import NIOPosix

/// The process's one event-loop group, which every network client of Kassa (SMTP, the HTTP
/// providers) runs on: a thread per core, made on first use, never shut down.
///
/// One group for the process, not one per client: a client that made its own would add
/// threads for each server it talks to, and a server front end would multiply them by its
/// requests. A client takes one loop of the group for its connections (`next()`), so that a
/// run can follow it there with `EventLoopTaskExecutor`.
public enum ProcessEventLoops {
    /// The group: SwiftNIO's process-wide singleton.
    public static var group: any EventLoopGroup { MultiThreadedEventLoopGroup.singleton }
}
