namespace EfSafeMigrations.IntegrationTests.Models.Rich;

// Entities of the "sales" schema.

public sealed class Customer
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public CustomerTier Tier { get; set; }

    public List<PostalAddress> Addresses { get; set; } = [];
}

public sealed class Order
{
    public long Id { get; set; }

    public long CustomerId { get; set; }

    public OrderStatus Status { get; set; }

    public decimal Total { get; set; }

    public DateTimeOffset PlacedAt { get; set; }

    public string? Notes { get; set; }
}

public sealed class OrderLine
{
    public long OrderId { get; set; }

    public int LineNo { get; set; }

    public long ProductId { get; set; }

    public int Quantity { get; set; }

    public decimal UnitPrice { get; set; }
}

public sealed class Payment
{
    public long Id { get; set; }

    public long OrderId { get; set; }

    public decimal Amount { get; set; }

    public required string Provider { get; set; }
}

public sealed class Refund
{
    public long Id { get; set; }

    public long PaymentId { get; set; }

    public decimal Amount { get; set; }
}

public sealed class Invoice
{
    public long Id { get; set; }

    public long OrderId { get; set; }

    public long Number { get; set; }
}

public sealed class Coupon
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public decimal Discount { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}

public sealed class Shipment
{
    public long Id { get; set; }

    public long? OrderId { get; set; }

    public string? Carrier { get; set; }

    public string? TrackingCode { get; set; }
}
