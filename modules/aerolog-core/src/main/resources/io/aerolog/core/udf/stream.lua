-- Aerolog's stream operations for stream UDFs: what Aerospike's system Lua gives a stream function (its
-- StreamOps: filter, map, aggregate, reduce, groupby, and the split of the stages between server and client),
-- with the same behaviour, quirks included. Run in a stream call's fresh globals before the module.

-- stream operations: stages over an iterator function that returns nil at the end
local SERVER, CLIENT, EITHER, BOTH = 1, 2, 3, 4

local function copy_of(v)
    local kind = type(v)
    if kind == 'table' then
        local t = {}
        for k, x in pairs(v) do t[k] = x end
        return t
    elseif kind == 'userdata' then
        local mt = getmetatable(v)
        if mt == Map then return map.clone(v) end
        if mt == List then return list.clone(v) end
        return nil
    end
    return v
end

local function filter_stage(source, keep)
    local finished = false
    return function()
        if finished then return nil end
        for a in source do
            if keep(a) then return a end
        end
        finished = true
        return nil
    end
end

local function map_stage(source, f)
    local finished = false
    return function()
        if finished then return nil end
        local a = source()
        if a ~= nil then return f(a) end
        finished = true
        return nil
    end
end

local function reduce_stage(source, f)
    local finished = false
    return function()
        if finished then return nil end
        local a = source()
        if a ~= nil then
            for b in source do a = f(a, b) end
        end
        finished = true
        return a
    end
end

-- as Aerospike's: a number that reaches 1000 is handed on as it is, and aggregating starts again from init
local function aggregate_stage(source, init, f)
    local finished = false
    return function()
        if finished then return nil end
        local a = copy_of(init)
        for b in source do
            a = f(a, b)
            if type(a) == 'number' and a >= 1000 then return a end
        end
        finished = true
        return a
    end
end

StreamOps = {}
local StreamOps_mt = { __index = StreamOps }

local function add_op(self, scope, name, func, ...)
    self.ops[#self.ops + 1] = { scope = scope, name = name, func = func, args = { ... } }
    return self
end

function StreamOps:aggregate(...) return add_op(self, SERVER, 'aggregate', aggregate_stage, ...) end
function StreamOps:reduce(...) return add_op(self, BOTH, 'reduce', reduce_stage, ...) end
function StreamOps:map(...) return add_op(self, EITHER, 'map', map_stage, ...) end
function StreamOps:filter(...) return add_op(self, EITHER, 'filter', filter_stage, ...) end

function StreamOps:groupby(f)
    local function group(m, v)
        local k = f and f(v) or nil
        local l = m[k] or list()
        list.append(l, v)
        m[k] = l
        return m
    end
    local function join(l1, l2)
        local l = list.clone(l1)
        for v in list.iterator(l2) do list.append(l, v) end
        return l
    end
    return self:aggregate(map(), group):reduce(function(m1, m2) return map.merge(m1, m2, join) end)
end

-- which stages run where: the server runs up to and including the first reduce, the client from it on
local function select_ops(ops, scope)
    local server, client = {}, {}
    local on_client = false
    for _, op in ipairs(ops) do
        if not on_client then
            if op.scope == SERVER or op.scope == EITHER then
                server[#server + 1] = op
            elseif op.scope == BOTH then
                server[#server + 1] = op
                client[#client + 1] = op
                on_client = true
            end
        else
            client[#client + 1] = op
        end
    end
    if scope == CLIENT then return client end
    return server
end

-- called by the engine: runs stream function f (its ops, the scope's share of them) from istream to ostream
function aerolog_apply_stream(f, scope, istream, ostream, ...)
    if f == nil then error('function not found', 0) end
    local ok, built = pcall(f, setmetatable({ ops = {} }, StreamOps_mt), ...)
    if not ok then error(built, 0) end
    local values = function() return stream.read(istream) end
    for _, op in ipairs(select_ops(built.ops, scope)) do
        values = op.func(values, table.unpack(op.args)) or values
    end
    for value in values do
        if stream.write(ostream, value) ~= 0 then break end
    end
    stream.write(ostream, nil)
    return 0
end
