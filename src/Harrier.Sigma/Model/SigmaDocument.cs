namespace Harrier.Sigma.Model;

/// <summary>One YAML document of a rule file: a detection, correlation or filter rule.</summary>
public abstract class SigmaDocument
{
    protected SigmaDocument(SigmaRuleInfo info) => Info = info;

    public SigmaRuleInfo Info { get; }

    public override string ToString() => $"{Info.DisplayId} ({Info.Location})";
}
