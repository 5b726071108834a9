namespace EfSafeMigrations.IntegrationTests.Models.Rich;

// Entities of the "catalog" schema.

public sealed class Category
{
    public int Id { get; set; }

    public int? ParentId { get; set; }

    public required string Slug { get; set; }
}

public sealed class Brand
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }
}

public sealed class Product
{
    public long Id { get; set; }

    public int CategoryId { get; set; }

    public int? BrandId { get; set; }

    public required string Name { get; set; }

    public decimal Price { get; set; }

    public decimal TaxRate { get; set; }

    public decimal PriceWithTax { get; set; }

    public bool IsActive { get; set; }

    public int[] Dimensions { get; set; } = [];
}

public sealed class ProductImage
{
    public long Id { get; set; }

    public long ProductId { get; set; }

    public required string Url { get; set; }

    public short Position { get; set; }
}

public sealed class Tag
{
    public int Id { get; set; }

    public required string Label { get; set; }
}

public sealed class ProductTag
{
    public long ProductId { get; set; }

    public int TagId { get; set; }
}

public sealed class ProductVariant
{
    public long Id { get; set; }

    public long ProductId { get; set; }

    public required string Sku { get; set; }

    public int Stock { get; set; }
}

public sealed class PriceHistory
{
    public long Id { get; set; }

    public long ProductId { get; set; }

    public decimal Price { get; set; }

    public DateTime ValidFrom { get; set; }

    public DateTime? ValidTo { get; set; }
}

public sealed class Supplier
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Email { get; set; }
}

public sealed class SupplierProduct
{
    public int SupplierId { get; set; }

    public long ProductId { get; set; }

    public required string BrandCode { get; set; }

    public decimal Cost { get; set; }
}
