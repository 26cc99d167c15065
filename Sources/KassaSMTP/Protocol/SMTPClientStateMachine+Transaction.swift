// One message: MAIL FROM, RCPT TO…, DATA, the data, and what each reply means for it.
extension SMTPClientStateMachine {
    mutating func startTransaction(_ envelope: SMTPEnvelope) -> [Action] {
        guard case .ready = state else {
            let error = SMTPError(
                .notReady,
                "The message was handed to the SMTP session while it was not ready (it was waiting for \(awaitedStep)); hand over a message only after the ready action."
            )
            return [.messageFailed(SMTPDeliveryFailure(kind: .temporary, error: error))]
        }

        let prepared: (data: SMTPEncodedData, parameters: [String])
        do {
            prepared = try prepare(envelope)
        } catch {
            // The message cannot be sent as it is, to this server: no command went out, so
            // the session stays ready for the next one.
            return [.messageFailed(SMTPDeliveryFailure(kind: .permanent, error: error)), .ready]
        }

        let transaction = SMTPTransaction(
            sender: envelope.from,
            recipients: envelope.recipients,
            data: prepared.data.bytes,
            isPipelined: capabilities.pipelining
        )
        state = .inTransaction(transaction)
        let mail = SMTPCommand.mail(from: envelope.from, parameters: prepared.parameters)
        guard transaction.isPipelined else {
            return [.send(mail.bytes)]
        }
        // RFC 2920 §3.1: DATA may end a group; the data itself must wait for 354.
        let group = [mail] + envelope.recipients.map { SMTPCommand.recipient($0) } + [.data]
        return [.send(SMTPCommand.bytes(group))]
    }

    /// The encoded data and the `MAIL FROM` parameters, or why this server cannot take the
    /// message.
    private func prepare(_ envelope: SMTPEnvelope) throws(SMTPError) -> (data: SMTPEncodedData, parameters: [String]) {
        if let problem = envelope.addressProblem() {
            throw problem
        }
        let needsSMTPUTF8 = envelope.needsSMTPUTF8
        if needsSMTPUTF8, !capabilities.smtpUTF8 {
            throw SMTPError(
                .smtpUTF8NotSupported,
                "The message needs SMTPUTF8 (an address is not ASCII: \(SMTPError.quoted(([envelope.from] + envelope.recipients).first { !$0.utf8.allSatisfy { $0 < 0x80 } } ?? envelope.from))) and the SMTP server does not offer it."
            )
        }
        // An SMTPUTF8 server takes 8-bit data (RFC 6531 §3.1 requires 8BITMIME with it).
        let allowEightBit = capabilities.eightBitMIME || (needsSMTPUTF8 && capabilities.smtpUTF8)
        let data = try SMTPDataEncoder.encode(envelope.message, allowEightBit: allowEightBit)
        if let limit = capabilities.maximumMessageSize, data.messageSize > limit {
            throw SMTPError(
                .messageTooLarge,
                "The message is \(data.messageSize) octets and the SMTP server accepts at most \(limit) (its SIZE limit)."
            )
        }
        var parameters: [String] = []
        if capabilities.size {
            parameters.append("SIZE=\(data.messageSize)")
        }
        if data.containsEightBitData {
            parameters.append("BODY=8BITMIME")
        }
        if needsSMTPUTF8 {
            parameters.append("SMTPUTF8")
        }
        return (data, parameters)
    }

    mutating func transactionReplyReceived(_ reply: SMTPReply, transaction: SMTPTransaction) -> [Action] {
        var transaction = transaction
        if reply.code == 421 {
            // Even after the data: 421 means the server did not take the message.
            let error = Self.serviceNotAvailable(reply)
            let failure = SMTPDeliveryFailure(kind: .temporary, error: error, recipients: transaction.recipientResults)
            return [.messageFailed(failure)] + reconnect(error)
        }

        switch transaction.step {
        case .mail:
            transaction.mailReply = reply
            if reply.code == 530 {
                // Not the message's fault: the server wants AUTH and none is configured. The
                // message goes back for a retry once the configuration is fixed.
                let error = SMTPError(
                    .authenticationRequired,
                    "The SMTP server requires authentication (\(SMTPError.quoted(reply))); set [smtp] username and password_env.",
                    reply: reply
                )
                let pending = transaction.outstandingReplies - 1
                return [.messageFailed(SMTPDeliveryFailure(kind: .temporary, error: error))]
                    + failSession(error, quit: true, pendingReplies: pending)
            }
            transaction.step = .recipient(0)
            state = .inTransaction(transaction)
            if transaction.isPipelined {
                return []
            }
            guard reply.isPositiveCompletion else {
                return failBeforeData(transaction)
            }
            return [.send(SMTPCommand.recipient(transaction.recipients[0]).bytes)]

        case .recipient(let index):
            transaction.recipientReplies.append(reply)
            let next = index + 1
            let hasMore = next < transaction.recipients.count
            if transaction.isPipelined {
                transaction.step = hasMore ? .recipient(next) : .data
                state = .inTransaction(transaction)
                return []
            }
            if hasMore {
                transaction.step = .recipient(next)
                state = .inTransaction(transaction)
                return [.send(SMTPCommand.recipient(transaction.recipients[next]).bytes)]
            }
            guard transaction.anyRecipientAccepted else {
                return failBeforeData(transaction)
            }
            transaction.step = .data
            state = .inTransaction(transaction)
            return [.send(SMTPCommand.data.bytes)]

        case .data:
            transaction.dataReply = reply
            guard reply.code == 354 else {
                return failBeforeData(transaction)
            }
            guard transaction.mailAccepted, transaction.anyRecipientAccepted else {
                transaction.step = .abortingData
                state = .inTransaction(transaction)
                return [.send(Array(".\r\n".utf8))]
            }
            transaction.step = .awaitingDataReply
            state = .inTransaction(transaction)
            return [.sendMessageData(transaction.data)]

        case .awaitingDataReply:
            switch reply.category {
            case .positiveCompletion:
                let delivery = SMTPDelivery(reply: reply, recipients: transaction.recipientResults)
                return [.messageAccepted(delivery)] + becomeIdle()
            case .transientNegative, .permanentNegative:
                // The reply to the final "." ends the transaction either way (RFC 5321
                // §4.1.1.4), so no RSET is needed before the next message.
                let error = SMTPError(
                    .messageRejected,
                    "The SMTP server refused the message after receiving it: \(SMTPError.quoted(reply)).",
                    reply: reply
                )
                let failure = SMTPDeliveryFailure(
                    kind: reply.isPermanentNegative ? .permanent : .temporary,
                    error: error,
                    recipients: transaction.recipientResults
                )
                return [.messageFailed(failure)] + becomeIdle()
            case .positiveIntermediate:
                // Client and server no longer agree where the conversation is; whether the
                // message was taken cannot be known.
                let error = SMTPError(
                    .unexpectedReply,
                    "The SMTP server answered the end of the message with \(SMTPError.quoted(reply)), which is not a verdict; it is unknown whether the message was accepted.",
                    reply: reply
                )
                return [.messageOutcomeUnknown(error)] + reconnect(error)
            }

        case .abortingData:
            // The empty data phase is over; the failure was decided by the earlier replies.
            return [.messageFailed(decisiveFailure(transaction))] + becomeIdle()
        }
    }

    /// The transaction failed before any data went out: report it and clear the server's
    /// transaction state with RSET, so the next message starts clean.
    private mutating func failBeforeData(_ transaction: SMTPTransaction) -> [Action] {
        state = .resetting
        return [.messageFailed(decisiveFailure(transaction)), .send(SMTPCommand.reset.bytes)]
    }

    /// Why a transaction that never got to its data failed, from the first refusal: the
    /// sender, else the recipients (all refused), else DATA.
    private func decisiveFailure(_ transaction: SMTPTransaction) -> SMTPDeliveryFailure {
        let results = transaction.recipientResults
        if let mail = transaction.mailReply, !mail.isPositiveCompletion {
            let error = SMTPError(
                .senderRejected,
                "The SMTP server refused the sender <\(transaction.sender)>: \(SMTPError.quoted(mail)).",
                reply: mail
            )
            return SMTPDeliveryFailure(kind: Self.kind(of: mail), error: error, recipients: results)
        }
        if !transaction.anyRecipientAccepted {
            // Retrying helps if any recipient was refused only for now.
            let temporary = results.contains { $0.failure == .temporary }
            let decisive = results.first { $0.failure == (temporary ? .temporary : .permanent) } ?? results[0]
            let quotedReply = decisive.reply.map(SMTPError.quoted) ?? "no reply"
            let message = results.count == 1
                ? "The SMTP server refused the recipient <\(decisive.recipient)>: \(quotedReply)."
                : "The SMTP server refused all \(results.count) recipients; <\(decisive.recipient)> got \(quotedReply)."
            let error = SMTPError(.recipientsRejected, message, reply: decisive.reply)
            return SMTPDeliveryFailure(kind: temporary ? .temporary : .permanent, error: error, recipients: results)
        }
        let data = transaction.dataReply
        let error = SMTPError(
            .dataRejected,
            "The SMTP server refused DATA: \(data.map(SMTPError.quoted) ?? "no reply").",
            reply: data
        )
        return SMTPDeliveryFailure(kind: data.map(Self.kind(of:)) ?? .temporary, error: error, recipients: results)
    }

    /// The transaction was cut off by a timeout, a lost connection or a channel error.
    mutating func transactionInterrupted(_ transaction: SMTPTransaction, by error: SMTPError) -> [Action] {
        switch transaction.step {
        case .awaitingDataReply:
            let unknown = SMTPError(
                error.code,
                "\(error.message) The message data had been sent completely, so the server may have accepted it: its outcome is unknown, and it must not be sent again without checking."
            )
            return [.messageOutcomeUnknown(unknown)]
        case .abortingData:
            // No recipient was accepted, so nothing can have been delivered.
            return [.messageFailed(decisiveFailure(transaction))]
        case .mail, .recipient, .data:
            return [.messageFailed(SMTPDeliveryFailure(kind: .temporary, error: error, recipients: transaction.recipientResults))]
        }
    }

    /// 5xx is permanent; 4xx, and anything the protocol did not expect, may pass.
    private static func kind(of reply: SMTPReply) -> SMTPFailureKind {
        reply.isPermanentNegative ? .permanent : .temporary
    }
}
