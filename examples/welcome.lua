-- kassa run examples/welcome.lua [NAME]
-- Runs in the same sandbox as plugins: no files, no processes, a time and memory budget.
local name = ... or "världen"
print("Hej " .. name .. "!")

-- The sandbox in action: the dangerous parts of Lua are simply not there.
print("io available: " .. tostring(io ~= nil) .. ", os.execute available: " .. tostring(os.execute ~= nil))

-- A protected endless loop is still ended by the budget; pcall cannot swallow it, so we
-- only show the budget exists instead of tripping it.
print("today: " .. os.date("%Y-%m-%d"))

local words = {}
for word in ("filters templates menus buttons"):gmatch("%a+") do words[#words + 1] = word end
print("plugins register " .. table.concat(words, ", "))
kassa.log("welcome.lua finished")
