-- The standalone side of DifferentialFilterTests: runs a shipped `kassa.filter` in plain
-- lua5.4 over customers read back from `kassa customers export`, without any of Kassa's code.
--
--   lua5.4 differential-harness.lua EXPORT.csv FILTER [--plugin FILE]... [--where LUA-EXPR] [KEY=VALUE]...
--
-- Prints `customers N` (how many customers the export held), then the number of every
-- customer the filter (and the --where condition, if any) keeps, one per line.
--
-- The customer tables mirror the host's record proxy (KassaScripting/Records/CustomerRecords):
-- the same field names, absent values as nil, points an integer, yes/no fields booleans,
-- dates as "YYYY-MM-DD" strings, `vehicles` a list of {type, brand, model, plate} without the
-- empty ones, and the methods `c:owns`, `c:has`, `c:attr` written the same way.

local exportPath, filterName = arg[1], arg[2]
if not exportPath or not filterName then
  io.stderr:write("usage: lua5.4 differential-harness.lua EXPORT.csv FILTER [--plugin FILE]... [--where LUA-EXPR] [KEY=VALUE]...\n")
  os.exit(2)
end

local pluginFiles, whereSource, rawParams = {}, nil, {}
do
  local i = 3
  while i <= #arg do
    local word = arg[i]
    if word == "--plugin" then
      pluginFiles[#pluginFiles + 1] = arg[i + 1]
      i = i + 2
    elseif word == "--where" then
      whereSource = arg[i + 1]
      i = i + 2
    else
      local key, value = word:match("^([^=]+)=(.*)$")
      if not key then error("expected KEY=VALUE, not " .. string.format("%q", word)) end
      rawParams[key] = value
      i = i + 1
    end
  end
end

-- RFC 4180 CSV: fields separated by commas, records by CR LF (or LF); a quoted field may hold
-- commas, doubled quotes and line breaks.
local function parseCSV(text)
  local records, record, position, length = {}, {}, 1, #text
  if text:sub(1, 3) == "\239\187\191" then position = 4 end
  while position <= length do
    local field
    if text:sub(position, position) == '"' then
      local pieces, cursor = {}, position + 1
      while true do
        local quote = text:find('"', cursor, true)
        if not quote then error("unterminated quoted field at byte " .. position) end
        pieces[#pieces + 1] = text:sub(cursor, quote - 1)
        if text:sub(quote + 1, quote + 1) == '"' then
          pieces[#pieces + 1] = '"'
          cursor = quote + 2
        else
          position = quote + 1
          break
        end
      end
      field = table.concat(pieces)
    else
      local stop = text:find("[,\r\n]", position) or (length + 1)
      field = text:sub(position, stop - 1)
      position = stop
    end
    record[#record + 1] = field
    local separator = text:sub(position, position)
    if separator == "," then
      position = position + 1
      if position > length then record[#record + 1] = "" end
    elseif separator == "\r" or separator == "\n" or separator == "" then
      if separator == "\r" and text:sub(position + 1, position + 1) == "\n" then position = position + 1 end
      position = position + 1
      records[#records + 1] = record
      record = {}
    else
      error("unexpected " .. string.format("%q", separator) .. " after a quoted field at byte " .. position)
    end
  end
  if #record > 0 then records[#records + 1] = record end
  return records
end

-- The export puts a ' before a cell a spreadsheet would run as a formula (first character other
-- than spaces one of = + - @ tab CR); numbers are left alone. Take it off again.
local function unneutralized(cell)
  if cell:sub(1, 1) == "'" then
    local first = cell:match("^' *(.)")
    if first and first:find("^[=+%-@\t\r]") then return cell:sub(2) end
  end
  return cell
end

local methods = {}
local lower = string.lower
function methods.owns(c, brand, model)
  brand = lower(brand)
  model = model and lower(model)
  for _, v in ipairs(c.vehicles) do
    if v.brand and lower(v.brand) == brand and (model == nil or (v.model and lower(v.model) == model)) then
      return true
    end
  end
  return false
end
function methods.has(c, field)
  local value = c[field]
  if type(value) == "table" then return next(value) ~= nil end
  return value ~= nil and value ~= ""
end
function methods.attr(c, key, default)
  local value = c.attrs[key]
  if value == nil then return default end
  return value
end
local customerMeta = { __index = methods }

local booleanFields = { is_company = true, newsletter = true, receives_status_mails = true }

local function readCustomers(path)
  local file = assert(io.open(path, "rb"))
  local rows = parseCSV(file:read("a"))
  file:close()
  local header = table.remove(rows, 1)
  local customers, last = {}, nil
  for line, row in ipairs(rows) do
    if #row ~= #header then
      error(string.format("record %d has %d fields, the header %d", line + 1, #row, #header))
    end
    local cells = {}
    for index, name in ipairs(header) do cells[name] = unneutralized(row[index]) end
    if not last or last.number ~= cells.number then
      local c = { vehicles = {}, cards = {}, attrs = {}, contact_emails = {} }
      for name, value in pairs(cells) do
        local attribute = name:match("^attrs%.(.+)$")
        if attribute then
          if value ~= "" then c.attrs[attribute] = value end
        elseif name:find("^vehicle_") then
          -- Collected per row below.
        elseif booleanFields[name] then
          c[name] = value == "yes"
        elseif name == "points" then
          c.points = math.tointeger(tonumber(value)) or error("points " .. string.format("%q", value) .. " is not an integer")
        elseif name == "contact_emails" then
          for address in value:gmatch("[^,]+") do
            address = address:match("^%s*(.-)%s*$")
            if address ~= "" then c.contact_emails[#c.contact_emails + 1] = address end
          end
        elseif value ~= "" then
          c[name] = value
        end
      end
      customers[#customers + 1] = setmetatable(c, customerMeta)
      last = c
    end
    local vehicle, any = {}, false
    for _, part in ipairs({ "type", "brand", "model", "plate" }) do
      local value = cells["vehicle_" .. part]
      if value and value ~= "" then vehicle[part] = value; any = true end
    end
    if any then last.vehicles[#last.vehicles + 1] = vehicle end
  end
  return customers
end

-- The plugins see a `kassa` table that only remembers the filters they register.
local filters = {}
local kassa = setmetatable({
  filter = function(spec) filters[spec.name] = spec end,
}, { __index = function() return function() end end })
for _, path in ipairs(pluginFiles) do
  local chunk = assert(loadfile(path, "t", setmetatable({ kassa = kassa }, { __index = _G })))
  chunk()
end
local filter = filters[filterName] or error("no plugin registers the filter " .. string.format("%q", filterName))

-- Parameters arrive typed as the host converts them (KassaCore ParameterType): dates stay
-- "YYYY-MM-DD" strings, integers become integers.
local params = {}
for key, text in pairs(rawParams) do
  local kind = (filter.params or {})[key] or "string"
  if kind == "integer" then
    params[key] = math.tointeger(tonumber(text)) or error("parameter " .. key .. " is not an integer: " .. text)
  elseif kind == "number" then
    params[key] = tonumber(text) or error("parameter " .. key .. " is not a number: " .. text)
  elseif kind == "boolean" then
    params[key] = text == "true" or text == "yes" or text == "1"
  else
    params[key] = text
  end
end

local where = function() return true end
if whereSource then
  where = assert(load("return function(c) return " .. whereSource .. " end", "=where", "t", _G))()
end

local customers = readCustomers(exportPath)
local out = { "customers " .. #customers }
for _, c in ipairs(customers) do
  if where(c) and filter.match(c, params) then out[#out + 1] = c.number end
end
io.write(table.concat(out, "\n"), "\n")
