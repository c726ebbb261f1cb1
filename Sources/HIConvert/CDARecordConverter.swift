extension RecordConverter {
    /// A converter with every reader and writer: HL7 v2, FHIR, CDA (WS/T 500 / WS/T 483) and HL7 V3.
    ///
    /// ```swift
    /// let result = try RecordConverter.allFormats.convert(er7, from: .hl7v2, to: .cda)
    /// print(String(decoding: result.output, as: UTF8.self))   // a WS/T 500 检验报告
    /// ```
    public static var allFormats: RecordConverter {
        var converter = RecordConverter()
        converter.readers[.cda] = CDAModelReader()
        converter.writers[.cda] = CDAModelWriter()
        converter.readers[.v3] = V3ModelReader()
        converter.writers[.v3] = V3ModelWriter()
        return converter
    }
}
