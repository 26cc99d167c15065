/// The SMS meter of the mailing preview: `SMSAnalysis` with the shop's price per segment.
public struct SMSAnalysisMeter: SMSMeter {
    /// `[sms] price_per_segment`, when configured.
    public var pricePerSegment: Double?

    public init(pricePerSegment: Double?) {
        self.pricePerSegment = pricePerSegment
    }

    public func measure(_ text: String) -> SMSMeasurement {
        let analysis = SMSAnalysis.analyze(text, pricePerSegment: pricePerSegment)
        return SMSMeasurement(encoding: analysis.encoding.rawValue, segments: analysis.segments,
                              characters: analysis.characters, hasLineBreaks: analysis.hasLineBreaks, cost: analysis.cost)
    }
}
