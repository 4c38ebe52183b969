namespace Harrier.Sigma.Loading;

public enum DiagnosticSeverity { Warning, Error }

/// <summary>A problem found while loading or compiling a rule: where, which rule, why.</summary>
public sealed record SigmaDiagnostic(string File, int Line, string? RuleId, string Reason, DiagnosticSeverity Severity = DiagnosticSeverity.Error)
{
    public override string ToString() =>
        $"{File}:{Line}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")}: {(RuleId is null ? "" : RuleId + ": ")}{Reason}";
}
