namespace SampleExpandContract;

public static class Stage
{
    public const int Value = 1;
}
