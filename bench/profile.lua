-- wrk script for signin's profile page: the peers' profile.lua (counts non-2xx answers and pages
-- without the user's name) plus the session version. With <distributable/>, Payara versions each
-- session and sends the new version in a JSESSIONIDVERSION cookie after every request; a browser
-- sends back the latest, and so does this script (per wrk thread), instead of wrk's fixed header.
--   wrk ... -s bench/profile.lua URL -- EXPECT_NAME "signin_session=...; JSESSIONIDVERSION=..."
-- (bench/run also uses it without a name or cookie, for the static file.)

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  expect = args[1] or ""
  -- signin's session cookie, or the cost ladder's (bench/ladder)
  session = string.match(args[2] or "", "signin_session=[^;]+")
    or string.match(args[2] or "", "ladder_session=[^;]+") or ""
  version = string.match(args[2] or "", "JSESSIONIDVERSION=[^;]+") or ""
  non2xx = 0
  missing = 0
end

function request()
  if session == "" then
    return wrk.format("GET")
  end
  return wrk.format("GET", nil, { ["Cookie"] = session .. "; " .. version })
end

function response(status, headers, body)
  for name, value in pairs(headers) do
    if string.lower(name) == "set-cookie" then
      local v = string.match(value, "^JSESSIONIDVERSION=[^;]+")
      if v ~= nil then version = v end
    end
  end
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  elseif expect ~= "" and not string.find(body, expect, 1, true) then
    missing = missing + 1
  end
end

function done(summary, latency, requests)
  local n2, miss = 0, 0
  for _, t in ipairs(threads) do
    n2 = n2 + (t:get("non2xx") or 0)
    miss = miss + (t:get("missing") or 0)
  end
  local dur = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d missing_name=%d err_connect=%d err_read=%d err_write=%d err_timeout=%d\n",
    summary.requests, dur, summary.requests / dur,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    n2, miss, e.connect, e.read, e.write, e.timeout))
end
