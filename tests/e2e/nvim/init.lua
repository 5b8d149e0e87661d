-- SmoLsp for Neovim 0.7+ without plugins (docs/lsp.md shows this file; tests/e2e/nvim/run.sh proves it).
-- Neovim 0.7 has no vim.lsp.start: start one client with vim.lsp.start_client and attach each template buffer.

-- .cshtml and .razor have no filetype of their own in 0.7 (and vim.filetype.add is opt-in there).
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, { pattern = { '*.cshtml', '*.razor' }, command = 'setfiletype razor' })

-- A line often has several findings (the missing tags on </head>): show the worst one's sign, not the last one's.
vim.diagnostic.config({ severity_sort = true })

local smolsp_cmd = { 'smolsp', 'lsp' }
if os.getenv('SMOLSP_DLL') then
  smolsp_cmd = { 'dotnet', os.getenv('SMOLSP_DLL'), 'lsp', '--stdio' }
end

local smolsp_client_id = nil

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'html', 'razor' },
  callback = function(args)
    if smolsp_client_id == nil or vim.lsp.get_client_by_id(smolsp_client_id) == nil then
      smolsp_client_id = vim.lsp.start_client({
        name = 'smolsp',
        cmd = smolsp_cmd,
        root_dir = vim.fn.getcwd(),
        -- Same keys as smolsp.json; smolsp.json wins where both set something.
        settings = { smolsp = { siteName = 'Acme' } },
        -- Neovim 0.7 does not send settings by itself.
        on_init = function(client)
          client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
        end,
      })
    end
    vim.lsp.buf_attach_client(args.buf, smolsp_client_id)
  end,
})
