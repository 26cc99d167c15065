-- A small tour of what a plugin can register: a template, a menu, a function and a button.
kassa.plugin { name = "hello", version = "1.0.0", api = 1 }

kassa.template {
  name = "birthday",
  channel = "sms",
  text = "Grattis på födelsedagen #FORNAMN#! Välkommen in för en present.",
}

kassa.template {
  name = "points_reminder",
  channel = "email",
  render = function(c, ctx)
    local name = c.first_name or c.company or "kund"
    return {
      subject = "Du har " .. c.points .. " poäng",
      text = "Hej " .. name .. "!\nDu har " .. c.points .. " poäng att använda i butiken.",
    }
  end,
}

kassa.menu {
  name = "Hello",
  title = "Say hello",
  run = function(ctx)
    -- Text typed after the menu opens (##MENU#Hello#Åsa¤) arrives as ctx.params.input.
    ctx.say("Hello from a Lua menu, " .. (ctx.params.input or ctx.params.name or "shop owner") .. "!")
  end,
}

kassa.func {
  code = "KLUT",
  title = "Open the cash drawer",
  run = function(ctx)
    -- No drawer is attached in the demo; a native plugin would pulse the printer port here.
    ctx.say("Cash drawer: open")
  end,
}

kassa.button { label = "Say hello", macro = "##MENU#Hello#¤" }
kassa.button { label = "Open drawer", macro = "#KLUT#" }
