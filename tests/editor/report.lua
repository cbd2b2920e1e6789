-- Run by tests/editor.rs inside headless Neovim after the README's recipe: waits for
-- lblint's diagnostics, writes them with their ranges to $LBLINT_NVIM_OUT, then makes
-- the mistake go away in the buffer (unsaved) and writes what is left.
local out = assert(io.open(os.getenv('LBLINT_NVIM_OUT'), 'w'))
local timeout = tonumber(os.getenv('LBLINT_NVIM_TIMEOUT_MS') or '30000')

local function dump(stage)
  local lines = {}
  for _, d in ipairs(vim.diagnostic.get()) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '-'
    local message = vim.split(d.message, '\n')[1]
    table.insert(lines, string.format('%s %s %s %d:%d-%d:%d %s', stage,
      vim.fn.fnamemodify(vim.api.nvim_buf_get_name(d.bufnr), ':t'), code,
      d.lnum, d.col, d.end_lnum, d.end_col, message))
  end
  table.sort(lines)
  for _, l in ipairs(lines) do out:write(l, '\n') end
  if #lines == 0 then out:write(stage, ' none\n') end
end

local arrived = vim.wait(timeout, function() return #vim.diagnostic.get() > 0 end, 20)
out:write('arrived ', tostring(arrived), '\n')
dump('open')

-- The backend service gets a timeout in the buffer: WS001 in the url map file goes away.
local buf = vim.api.nvim_get_current_buf()
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
for i, l in ipairs(lines) do
  if l:match('^  port_name') then
    vim.api.nvim_buf_set_lines(buf, i, i, false, { '  timeout_sec           = 3600' })
    break
  end
end
local cleared = vim.wait(timeout, function() return #vim.diagnostic.get() == 0 end, 20)
out:write('cleared ', tostring(cleared), '\n')
dump('edited')
out:close()
vim.cmd('qa!')
