local x
