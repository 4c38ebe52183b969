namespace Harrier.Exposure.Findings;

/// <summary>A findings file that is not valid harrier-exposure-findings JSON (names file, line and byte).</summary>
public sealed class ExposureFormatException(string message, Exception? inner = null) : Exception(message, inner);
