-- Filters on the vehicles a customer owns (PC-Kassa's "Kundurval": fordonstyp, märke).
kassa.plugin { name = "car-filters", version = "1.0.0", api = 1 }

kassa.filter {
  name = "car_brand",
  description = "Customers owning a vehicle of a brand (any case), optionally a model",
  params = { brand = "string" },
  match = function(c, p)
    return c:owns(p.brand)
  end,
}

kassa.filter {
  name = "vehicle_type",
  description = "Customers owning a vehicle of a type (bike, car, moped, ...)",
  params = { type = "string" },
  match = function(c, p)
    local wanted = string.lower(p.type)
    for _, v in ipairs(c.vehicles) do
      if v.type and string.lower(v.type) == wanted then return true end
    end
    return false
  end,
}
