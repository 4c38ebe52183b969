namespace Harrier.Exposure.Ad;

/// <summary>The directory could not be reached, bound or read; the message says which and what to try.</summary>
public sealed class AdConnectionException(string message, Exception? inner = null) : Exception(message, inner);
