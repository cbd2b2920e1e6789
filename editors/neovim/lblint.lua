-- lblint's language server in Neovim 0.7 and later: one `lblint lsp` for the session,
-- attached to every Terraform file (.tf, .tf.json, .tfvars, .tfvars.json) as it is read.
-- `lblint` must be on PATH (or write its full path in `cmd`).
local lblint = { cmd = { 'lblint', 'lsp' }, client_id = nil }

local function attach(args)
  local config = {
    name = 'lblint',
    cmd = lblint.cmd,
    root_dir = vim.fn.getcwd(),
  }
  if vim.lsp.start then
    -- Neovim 0.8+: starts the server once and reuses it for later buffers.
    vim.lsp.start(config, { bufnr = args.buf })
    return
  end
  -- Neovim 0.7: start the client once, then attach each buffer to it.
  if lblint.client_id == nil or vim.lsp.get_client_by_id(lblint.client_id) == nil then
    lblint.client_id = vim.lsp.start_client(config)
  end
  if lblint.client_id then
    vim.lsp.buf_attach_client(args.buf, lblint.client_id)
  end
end

vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
  pattern = { '*.tf', '*.tf.json', '*.tfvars', '*.tfvars.json' },
  callback = attach,
})
