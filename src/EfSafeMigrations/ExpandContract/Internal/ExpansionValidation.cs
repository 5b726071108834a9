namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>Arguments an expansion cannot work with, refused where the migration is written (so at build, scaffold and run alike).</summary>
internal static class ExpansionValidation
{
    public static void ThrowIfInvalid(ExpansionOperation operation)
    {
        Require(operation.Table, "table", operation);
        switch (operation)
        {
            case ExpandColumnOperation column:
                Require(column.Name, "name", operation);
                Require(column.NewName, "newName", operation);
                Require(column.StoreType, "type", operation);
                if (column.Name == column.NewName)
                {
                    throw Invalid(operation,
                        "the new column must have another name than the old one (both exist side by side until the contract; a type change " +
                        "in place would break the old version's reads). Name the new column, for example " + column.Name + "_v2, and map the property to it.");
                }

                break;
            case ExpandRequiredOperation required:
                Require(required.Name, "name", operation);
                Require(required.Fill, "fill", operation);
                break;
            case ExpandTableRenameOperation rename:
                Require(rename.NewName, "newName", operation);
                if (rename.NewName == rename.Table)
                {
                    throw Invalid(operation, "the new name is the old one.");
                }

                break;
            case RetireColumnOperation retire:
                Require(retire.Name, "name", operation);
                break;
        }
    }

    private static void Require(string? value, string argument, ExpansionOperation operation)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(operation, $"'{argument}' is required.");
        }
    }

    private static ArgumentException Invalid(ExpansionOperation operation, string problem)
        => new($"{operation.GetType().Name} ({operation.Stage}) on table {operation.Table}: {problem}");
}
