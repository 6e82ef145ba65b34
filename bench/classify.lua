-- wrk script for bench/classify-serving.sh: POSTs one image to /classify as multipart, and prints its own summary.
-- The image's path comes from the IMAGE environment variable.
local file = assert(io.open(os.getenv("IMAGE"), "rb"))
local image = file:read("*a")
file:close()

local boundary = "----resnetservice-bench"
wrk.method = "POST"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.body = "--" .. boundary .. "\r\n"
  .. 'Content-Disposition: form-data; name="image"; filename="image.png"\r\n'
  .. "Content-Type: image/png\r\n\r\n"
  .. image .. "\r\n--" .. boundary .. "--\r\n"

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT req_per_s=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d (connect=%d read=%d write=%d status=%d timeout=%d)\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout, e.connect, e.read, e.write, e.status, e.timeout))
end
