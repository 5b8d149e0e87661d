-- Headless check driven by run.sh: diagnostics arrive, the quick fix is offered and applied through
-- vim.lsp.buf.code_action(), the diagnostic goes away, hover answers, and the server exits cleanly.
local out = assert(io.open(assert(os.getenv('NVIM_RESULT')), 'w'))
local function log(line)
  out:write(line .. '\n')
  out:flush()
end
local function finish(code)
  out:close()
  vim.cmd(code == 0 and 'qall!' or 'cquit ' .. code)
end
local function fail(message)
  log('FAIL ' .. message)
  finish(1)
end

local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  if not vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
    return fail('no diagnostics')
  end
  local d = vim.diagnostic.get(bufnr)[1]
  log(string.format('DIAGNOSTIC %s line %d source %s', d.code, d.lnum + 1, d.source))
  log('SEVERITY_SORT ' .. tostring(vim.diagnostic.config().severity_sort))

  -- Choose the fix in the code-action menu the way a user would.
  local chosen = false
  vim.ui.select = function(items, _, on_choice)
    for _, item in ipairs(items) do
      if item[2].title == 'Add og:title from <title>' then
        chosen = true
        log('ACTION ' .. item[2].title)
        return on_choice(item)
      end
    end
    fail('fix not offered')
  end
  -- The cursor at the start of the diagnostic's line: Neovim sends that position and the line's diagnostics.
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, 0 })
  vim.lsp.buf.code_action()
  local function text() return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') end
  if not vim.wait(30000, function() return chosen and text():find('property="og:title"', 1, true) ~= nil end, 50) then
    return fail('fix not applied: ' .. text())
  end
  for _, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:find('property="og:title"', 1, true) then
      log('APPLIED ' .. vim.trim(line))
    end
  end
  if not vim.wait(30000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50) then
    return fail('diagnostics remain')
  end
  log('CLEAN')

  -- The share card is the hover on <head> (the findings sit on </head>).
  local head_line, head_col = 0, 0
  for i, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = text:find('<head>', 1, true)
    if col then head_line, head_col = i - 1, col break end
  end
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover',
    { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = head_line, character = head_col } }, 10000)
  for _, response in pairs(hover or {}) do
    if response.result and response.result.contents then
      log('HOVER ' .. response.result.contents.value:match('[^\n]+'))
    end
  end

  -- client.stop() sends shutdown then exit; the server must exit with 0.
  local client = vim.lsp.get_active_clients()[1]
  local exit_code = nil
  client.config.on_exit = function(code) exit_code = code end
  client.stop()
  if not vim.wait(15000, function() return exit_code ~= nil end, 50) then
    return fail('server did not exit')
  end
  log('EXIT ' .. exit_code)
  finish(0)
end)
if not ok then
  fail(tostring(err))
end
