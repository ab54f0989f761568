-- Order + get mix through the Twilio dialect: a POST buys a number in area code 919
-- (IncomingPhoneNumbers.json, AreaCode=919); the next request on the thread fetches a number
-- bought earlier (GET IncomingPhoneNumbers/{Sid}.json), so the mix is about half and half.
-- The URL wrk is given is the account's base path, /twilio/2010-04-01/Accounts/{AccountSid}.
local base
local sids = {}
local post_headers, get_headers = {}, {}

function init(args)
  base = wrk.path
  for name, value in pairs(wrk.headers) do
    post_headers[name] = value
    get_headers[name] = value
  end
  post_headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  local sid = table.remove(sids)
  if sid then
    return wrk.format("GET", base .. "/IncomingPhoneNumbers/" .. sid .. ".json", get_headers)
  end
  return wrk.format("POST", base .. "/IncomingPhoneNumbers.json", post_headers, "AreaCode=919")
end

function response(status, headers, body)
  if status == 201 then
    local sid = body:match('"sid":%s*"(PN%x+)"')
    if sid then
      table.insert(sids, sid)
    end
  end
end
