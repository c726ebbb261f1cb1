#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thin owner of one POSIX socket descriptor (non-blocking; every wait goes through `poll`).
///
/// Not `Sendable` on purpose: one thread owns a socket at a time. Closing is explicit.
struct Socket {
    let descriptor: Int32

    /// Milliseconds for `poll`, clamped to what it accepts; `nil` waits forever.
    static func milliseconds(until deadline: ContinuousClock.Instant?) -> Int32 {
        guard let deadline else { return -1 }
        let remaining = deadline - .now
        if remaining <= .zero { return 0 }
        let (seconds, attoseconds) = remaining.components
        let millis = seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1
        return Int32(clamping: millis)
    }

    static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// Resolves `host:port` (numeric or a name) to socket addresses.
    static func resolve(host: String, port: Int, passive: Bool) -> [(family: Int32, address: [UInt8])]? {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        hints.ai_flags = passive ? AI_PASSIVE : 0
        var result: UnsafeMutablePointer<addrinfo>? = nil
        let status = getaddrinfo(host.isEmpty ? nil : host, String(port), &hints, &result)
        guard status == 0, let first = result else { return nil }
        defer { freeaddrinfo(first) }
        var addresses: [(family: Int32, address: [UInt8])] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if let address = info.pointee.ai_addr {
                let length = Int(info.pointee.ai_addrlen)
                let bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(address), count: length)
                addresses.append((info.pointee.ai_family, Array(bytes)))
            }
            cursor = info.pointee.ai_next
        }
        // Prefer IPv4 (loopback tests use 127.0.0.1), then the resolver's order.
        return addresses.filter { $0.family == AF_INET } + addresses.filter { $0.family != AF_INET }
    }

    static func makeSocket(family: Int32) -> Socket? {
        #if canImport(Glibc)
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        let descriptor = socket(family, type, 0)
        #else
        let descriptor = socket(family, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return nil }
        let socket = Socket(descriptor: descriptor)
        socket.setNonBlocking()
        return socket
    }

    func setNonBlocking() {
        let flags = fcntl(descriptor, F_GETFL, 0)
        if flags >= 0, flags & O_NONBLOCK == 0 { _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) }
    }

    func setOption(_ level: Int32, _ name: Int32, _ value: Int32) {
        var value = value
        _ = setsockopt(descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Creates a listening socket on `host:port` (port 0: the system picks one).
    static func listen(host: String, port: Int, backlog: Int32) -> Result<Socket, MLLPError> {
        let endpoint = "\(host):\(port)"
        guard let addresses = resolve(host: host, port: port, passive: true), !addresses.isEmpty else {
            return .failure(MLLPError(.addressUnavailable, endpoint: endpoint))
        }
        var lastError: Int32 = 0
        for (family, address) in addresses {
            guard let socket = makeSocket(family: family) else {
                lastError = errno
                continue
            }
            socket.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
            let bound = address.withUnsafeBytes { raw in
                bind(
                    socket.descriptor, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self),
                    socklen_t(raw.count))
            }
            if bound == 0, Glibc.listen(socket.descriptor, backlog) == 0 {
                return .success(socket)
            }
            lastError = errno
            socket.close()
        }
        return .failure(MLLPError(.bindFailed, endpoint: endpoint, systemError: lastError))
    }

    /// Connects to `host:port` within `timeout`.
    static func connect(host: String, port: Int, timeout: Duration) -> Result<Socket, MLLPError> {
        let endpoint = "\(host):\(port)"
        guard let addresses = resolve(host: host, port: port, passive: false), !addresses.isEmpty else {
            return .failure(MLLPError(.addressUnavailable, endpoint: endpoint))
        }
        let deadline = ContinuousClock.now + timeout
        var failure = MLLPError(.connectFailed, endpoint: endpoint)
        for (family, address) in addresses {
            guard let socket = makeSocket(family: family) else { continue }
            socket.setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1)
            let status = address.withUnsafeBytes { raw in
                Glibc.connect(
                    socket.descriptor, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
            }
            if status == 0 { return .success(socket) }
            var code = errno
            if code == EINPROGRESS || code == EINTR {
                switch socket.wait(for: Int16(POLLOUT), until: deadline, wake: nil) {
                case .ready:
                    var socketError: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    _ = getsockopt(socket.descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length)
                    if socketError == 0 { return .success(socket) }
                    code = socketError
                case .timedOut:
                    socket.close()
                    failure = MLLPError(.connectTimeout, endpoint: endpoint)
                    continue
                case .woken:
                    break
                }
            }
            socket.close()
            failure = MLLPError(.connectFailed, endpoint: endpoint, systemError: code)
        }
        return .failure(failure)
    }

    /// The local port (after binding to port 0).
    var localPort: Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard status == 0 else { return nil }
        return Self.port(of: storage)
    }

    static func port(of storage: sockaddr_storage) -> Int? {
        var storage = storage
        return withUnsafePointer(to: &storage) { pointer -> Int? in
            switch Int32(pointer.pointee.ss_family) {
            case AF_INET:
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin_port))
                }
            case AF_INET6:
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            default: return nil
            }
        }
    }

    /// `host:port` of a peer address.
    static func describe(_ storage: sockaddr_storage) -> String {
        var storage = storage
        var buffer = [CChar](repeating: 0, count: 64)
        let family = Int32(storage.ss_family)
        let text: String? = withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET {
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var inAddress = address.pointee.sin_addr
                    guard inet_ntop(AF_INET, &inAddress, &buffer, socklen_t(buffer.count)) != nil else { return nil }
                    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                }
            }
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var inAddress = address.pointee.sin6_addr
                    guard inet_ntop(AF_INET6, &inAddress, &buffer, socklen_t(buffer.count)) != nil else { return nil }
                    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                }
            }
            return nil
        }
        return "\(text ?? "?"):\(port(of: storage).map(String.init) ?? "?")"
    }

    /// Accepts one pending connection (non-blocking); `nil` when none is pending.
    func accept() -> (socket: Socket, peer: String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let descriptor = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(self.descriptor, $0, &length) }
        }
        guard descriptor >= 0 else { return nil }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let socket = Socket(descriptor: descriptor)
        socket.setNonBlocking()
        socket.setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        return (socket, Self.describe(storage))
    }

    enum WaitResult { case ready, timedOut, woken }

    /// Waits until the socket is ready for `events`, the deadline passes, or `wake` becomes readable.
    func wait(for events: Int16, until deadline: ContinuousClock.Instant?, wake: Int32?) -> WaitResult {
        while true {
            var fds = [pollfd(fd: descriptor, events: events, revents: 0)]
            if let wake { fds.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
            let status = poll(&fds, nfds_t(fds.count), Self.milliseconds(until: deadline))
            if status < 0 {
                if errno == EINTR { continue }
                return .ready  // let the following call report the error
            }
            if fds.count > 1, fds[1].revents != 0 { return .woken }
            if fds[0].revents != 0 { return .ready }
            if let deadline, ContinuousClock.now >= deadline { return .timedOut }
        }
    }

    enum ReceiveResult {
        case bytes(Int)
        case closed
        case failed(Int32)
        case wouldBlock
    }

    /// Reads what is available into `buffer`.
    func receive(into buffer: UnsafeMutableRawBufferPointer) -> ReceiveResult {
        while true {
            let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .closed }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            return .failed(code)
        }
    }

    /// Writes all of `bytes` before `deadline`; returns the errno on failure (ETIMEDOUT on timeout).
    func sendAll(_ bytes: [UInt8], until deadline: ContinuousClock.Instant?) -> Int32? {
        bytes.withUnsafeBytes { raw -> Int32? in
            var offset = 0
            while offset < raw.count {
                let sent = send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent > 0 {
                    offset += sent
                    continue
                }
                let code = errno
                if sent < 0, code == EINTR { continue }
                if sent < 0, code == EAGAIN || code == EWOULDBLOCK {
                    if wait(for: Int16(POLLOUT), until: deadline, wake: nil) == .timedOut { return ETIMEDOUT }
                    continue
                }
                return sent < 0 ? code : EPIPE
            }
            return nil
        }
    }

    func close() {
        _ = Glibc.close(descriptor)
    }
}
