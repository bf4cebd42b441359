namespace Prebias.Core.Text;

/// <summary>A half-open character range [Start, Start + Length) into a text; avoids substring allocation.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public ReadOnlySpan<char> Of(ReadOnlySpan<char> text) => text.Slice(Start, Length);
}
