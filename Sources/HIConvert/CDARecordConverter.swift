extension RecordConverter {
    /// A converter with every reader and writer: HL7 v2, FHIR and CDA (WS/T 500 / WS/T 483).
    ///
    /// ```swift
    /// let result = try RecordConverter.allFormats.convert(er7, from: .hl7v2, to: .cda)
    /// print(String(decoding: result.output, as: UTF8.self))   // a WS/T 500 检验报告
    /// ```
    public static var allFormats: RecordConverter {
        var converter = RecordConverter()
        converter.readers[.cda] = CDAModelReader()
        converter.writers[.cda] = CDAModelWriter()
        return converter
    }
}
