// Setting the session up: greeting, EHLO (or HELO), STARTTLS, AUTH; and RSET between
// messages.
extension SMTPClientStateMachine {
    mutating func greetingReceived(_ reply: SMTPReply) -> [Action] {
        guard reply.code == 220 else {
            return setupRefused(
                reply,
                SMTPError(.greetingRefused, "The SMTP server refused the connection with \(SMTPError.quoted(reply)).", reply: reply)
            )
        }
        state = .awaitingEHLO
        return [.send(SMTPCommand.ehlo(configuration.ehloName).bytes)]
    }

    mutating func ehloReplyReceived(_ reply: SMTPReply) -> [Action] {
        if reply.isPositiveCompletion {
            capabilities = SMTPCapabilities(ehloReply: reply)
            return greeted()
        }
        // RFC 5321 §3.2: a server that does not know EHLO answers 5xx; HELO still works,
        // without extensions.
        if reply.isPermanentNegative {
            state = .awaitingHELO
            return [.send(SMTPCommand.helo(configuration.ehloName).bytes)]
        }
        return setupRefused(
            reply,
            SMTPError(.helloRefused, "The SMTP server refused EHLO with \(SMTPError.quoted(reply)).", reply: reply)
        )
    }

    mutating func heloReplyReceived(_ reply: SMTPReply) -> [Action] {
        guard reply.isPositiveCompletion else {
            return setupRefused(
                reply,
                SMTPError(.helloRefused, "The SMTP server refused both EHLO and HELO; HELO got \(SMTPError.quoted(reply)).", reply: reply)
            )
        }
        capabilities = SMTPCapabilities()
        return greeted()
    }

    /// After EHLO/HELO: STARTTLS if required and not done yet, else AUTH if configured, else
    /// idle.
    private mutating func greeted() -> [Action] {
        if configuration.tls == .startTLS, !isSecure {
            guard capabilities.startTLS else {
                let offered = capabilities.extensions.keys.sorted().joined(separator: ", ")
                return failSession(
                    SMTPError(
                        .startTLSNotOffered,
                        "The SMTP server does not offer STARTTLS (it offers: \(offered.isEmpty ? "nothing" : offered)), and tls = \"starttls\" forbids sending in clear text; nothing was sent. Use a server with TLS, or set tls = \"none\" only for a server on this machine."
                    ),
                    quit: true
                )
            }
            state = .awaitingStartTLS
            return [.send(SMTPCommand.startTLS.bytes)]
        }
        guard let credentials = configuration.credentials else {
            return becomeIdle()
        }
        // Only reachable in clear text when TLS is configured off; checked again here so that
        // a later change to `greeted()` cannot leak a password.
        guard isSecure || configuration.tls == .none else {
            return failSession(
                SMTPError(.authenticationNotSupported, "The client will not send credentials over an unencrypted connection while TLS is configured."),
                quit: true
            )
        }
        guard let mechanism = credentials.mechanismsInPreferenceOrder.first(where: { capabilities.offers($0) }) else {
            let offered = capabilities.authenticationMechanisms
            let supported = SMTPAuthMechanism.allCases.map(\.rawValue).joined(separator: " and ")
            let problem = offered.isEmpty
                ? "The SMTP server offers no AUTH, but a username is configured"
                : "The SMTP server offers AUTH only with \(offered.joined(separator: ", ")), but Kassa supports \(supported)"
            return failSession(SMTPError(.authenticationNotSupported, "\(problem); nothing was sent."), quit: true)
        }
        switch mechanism {
        case .plain:
            state = .authenticating(.awaitingPlainResult)
            return [.send(SMTPCommand.authPlain(username: credentials.username, password: credentials.password).bytes)]
        case .login:
            state = .authenticating(.awaitingLoginUsernamePrompt)
            return [.send(SMTPCommand.authLogin.bytes)]
        }
    }

    mutating func startTLSReplyReceived(_ reply: SMTPReply) -> [Action] {
        guard reply.code == 220 else {
            return setupRefused(
                reply,
                SMTPError(.startTLSRefused, "The SMTP server refused STARTTLS with \(SMTPError.quoted(reply)); nothing was sent in clear text.", reply: reply)
            )
        }
        // RFC 3207 §4.2: what the server said before TLS is void; EHLO asks again after it.
        capabilities = SMTPCapabilities()
        state = .awaitingTLSHandshake
        return [.startTLS]
    }

    mutating func authenticationReplyReceived(_ reply: SMTPReply, step: AuthenticationStep) -> [Action] {
        switch (step, reply.code) {
        case (.awaitingPlainResult, 235), (.awaitingLoginResult, 235):
            return becomeIdle()
        case (.awaitingLoginUsernamePrompt, 334):
            state = .authenticating(.awaitingLoginPasswordPrompt)
            return [.send(SMTPCommand.authResponse(configuration.credentials?.username ?? "").bytes)]
        case (.awaitingLoginPasswordPrompt, 334):
            state = .authenticating(.awaitingLoginResult)
            return [.send(SMTPCommand.authResponse(configuration.credentials?.password ?? "").bytes)]
        case (_, 334):
            // A challenge where a verdict was due: the server waits for a line the client has
            // no sensible answer for, so QUIT would be read as a bad response; just close.
            return failSession(
                SMTPError(.unexpectedReply, "The SMTP server sent another AUTH challenge, \(SMTPError.quoted(reply)), where it should have accepted or refused the credentials.", reply: reply),
                quit: false
            )
        default:
            let username = SMTPError.quoted(configuration.credentials?.username ?? "")
            return setupRefused(
                reply,
                SMTPError(.authenticationFailed, "The SMTP server refused to authenticate \(username): \(SMTPError.quoted(reply)).", reply: reply)
            )
        }
    }

    mutating func resetReplyReceived(_ reply: SMTPReply) -> [Action] {
        if reply.isPositiveCompletion {
            return becomeIdle()
        }
        if reply.code == 421 {
            return reconnect(Self.serviceNotAvailable(reply))
        }
        return reconnect(SMTPError(
            .resetFailed,
            "The SMTP server refused RSET with \(SMTPError.quoted(reply)), so the connection cannot be reused; the client will connect again.",
            reply: reply
        ))
    }

    /// A set-up step got something other than what it needed: 421 and other 4xx reconnect
    /// (it may work later), 5xx fails the session politely, anything else (a 3xx where a
    /// verdict was due) means the conversation is lost and the connection closes.
    private mutating func setupRefused(_ reply: SMTPReply, _ error: SMTPError) -> [Action] {
        if reply.code == 421 {
            return reconnect(Self.serviceNotAvailable(reply))
        }
        switch reply.category {
        case .transientNegative:
            return reconnect(error)
        case .permanentNegative:
            return failSession(error, quit: true)
        case .positiveCompletion, .positiveIntermediate:
            return failSession(
                SMTPError(.unexpectedReply, "The SMTP server answered \(awaitedStep) with \(SMTPError.quoted(reply)), which the protocol does not allow there.", reply: reply),
                quit: false
            )
        }
    }
}
