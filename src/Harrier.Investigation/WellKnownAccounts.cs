namespace Harrier.Investigation;

/// <summary>Built-in service identities that log on constantly and say nothing about access.</summary>
static class WellKnownAccounts
{
    public static bool IsNoise(string account, string? sid)
    {
        if (sid is "S-1-5-18" or "S-1-5-19" or "S-1-5-20") return true;
        var user = HostNames.UserPart(account);
        return user.Length == 0
            || user.Equals("SYSTEM", StringComparison.OrdinalIgnoreCase)
            || user.Equals("LOCAL SERVICE", StringComparison.OrdinalIgnoreCase)
            || user.Equals("NETWORK SERVICE", StringComparison.OrdinalIgnoreCase)
            || user.StartsWith("DWM-", StringComparison.OrdinalIgnoreCase)
            || user.StartsWith("UMFD-", StringComparison.OrdinalIgnoreCase);
    }
}
