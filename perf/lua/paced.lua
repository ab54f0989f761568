-- Paces wrk so that the whole run offers about RATE requests per second (wrk2 is not in Debian):
-- each connection waits CONNECTIONS / RATE seconds (whole milliseconds, at least 1) between
-- requests. Arguments after "--": RATE CONNECTIONS. The achieved rate is in wrk's report.
local interval = 1

function init(args)
  local rate, connections = tonumber(args[1]), tonumber(args[2])
  if rate and connections and rate > 0 then
    interval = math.max(1, math.floor(1000 * connections / rate + 0.5))
  end
end

function delay()
  return interval
end
