namespace Prebias.Tests.Modeling;

/// <summary>TorchSharp tests share libtorch's global state (threads, generator): run them one at a time.</summary>
[CollectionDefinition("Sequential", DisableParallelization = true)]
public sealed class SequentialCollection;
