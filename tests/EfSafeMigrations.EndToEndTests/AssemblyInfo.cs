// Each test builds its own sample project; two at a time keeps a 2-core machine responsive.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
