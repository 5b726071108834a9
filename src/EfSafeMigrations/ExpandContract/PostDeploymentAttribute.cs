namespace EfSafeMigrations;

/// <summary>
/// Marks a migration as post-deployment: it runs only after the rollout of the new application version has finished, when
/// asked (<c>migrate --post-deployment</c>, or <see cref="ExpandContractOptions.ApplyPostDeployment"/>), never at an ordinary
/// start-up. A migration holding a contract (<see cref="ExpansionStage.Contract"/>) is post-deployment without it. On a fresh
/// database (no migration applied yet) no old version can be running, so post-deployment migrations apply with the rest.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PostDeploymentAttribute : Attribute
{
}
