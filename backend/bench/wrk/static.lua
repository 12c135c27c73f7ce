-- The same request over and over: method, headers and body from the environment.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

wrk.method = os.getenv("BENCH_METHOD") or "GET"
local authorization = os.getenv("BENCH_AUTHORIZATION")
if authorization and authorization ~= "" then
  wrk.headers["Authorization"] = authorization
end
local content_type = os.getenv("BENCH_CONTENT_TYPE")
if content_type and content_type ~= "" then
  wrk.headers["Content-Type"] = content_type
end
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.body = body
end
