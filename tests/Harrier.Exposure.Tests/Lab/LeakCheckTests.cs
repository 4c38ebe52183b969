using System.Text;

namespace Harrier.Exposure.Tests.Lab;

/// <summary>The password grep of the lab tests must itself be able to fail.</summary>
public sealed class LeakCheckTests
{
    const string Secret = "Hx!s3cretValue9z";

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf16")]
    [InlineData("base64")]
    [InlineData("base64-utf16")]
    public void FindsTheSecretInEveryForm(string form)
    {
        byte[] bytes = form switch
        {
            "utf8" => Encoding.UTF8.GetBytes($"bind failed for {Secret}!"),
            "utf16" => [1, 2, .. Encoding.Unicode.GetBytes(Secret), 3],
            "base64" => Encoding.ASCII.GetBytes("x " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret))),
            _ => Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.Unicode.GetBytes(Secret))),
        };
        Assert.Equal(["leaky"], LabNamespace.FindLeaks([Secret], [("clean", "nothing here"u8.ToArray()), ("leaky", bytes)]));
    }

    [Fact]
    public void IgnoresNearMisses() =>
        Assert.Empty(LabNamespace.FindLeaks([Secret], [("a", Encoding.UTF8.GetBytes(Secret[..^1]))]));
}
