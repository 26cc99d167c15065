-- "Lapsed" customers: not seen since a date. Those who never visited count as lapsed too.
kassa.plugin { name = "lapsed-customers", version = "1.0.0", api = 1 }

kassa.filter {
  name = "lapsed",
  description = "Customers whose last visit is before a date (or who never visited)",
  params = { since = "date" },
  match = function(c, p)
    -- Dates arrive as "YYYY-MM-DD", which compare correctly as strings.
    return c.last_visit == nil or c.last_visit < p.since
  end,
}

kassa.filter {
  name = "lapsed_vip",
  description = "Lapsed customers with at least some loyalty points",
  params = { since = "date", min_points = "integer" },
  match = function(c, p)
    return c.points >= p.min_points and (c.last_visit == nil or c.last_visit < p.since)
  end,
}
