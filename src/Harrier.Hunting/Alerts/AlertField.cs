namespace Harrier.Hunting.Alerts;

/// <summary>One flattened event field of an alert (Sigma-style name, rendered text value).</summary>
/// <remarks>Multi-valued fields (e.g. unnamed <c>Data</c>) appear once per value, in record order.</remarks>
public readonly record struct AlertField(string Name, string Value);
