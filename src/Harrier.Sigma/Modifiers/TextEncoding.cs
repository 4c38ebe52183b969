namespace Harrier.Sigma.Modifiers;

/// <summary>How a value is turned into bytes before <c>base64</c>/<c>base64offset</c>.</summary>
public enum TextEncoding { Utf8, Utf16Le, Utf16Be, Utf16Bom }
