namespace Prebias.Core.Metrics.Lexicons;

public enum Gender : byte
{
    Male = 1,
    Female = 2,
}
