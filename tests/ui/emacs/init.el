;;; init.el --- SmoLsp with eglot (docs/lsp.md shows this file; tests/ui/test/editors.test.mjs runs it)
(require 'eglot)
;; .cshtml and .razor have no major mode of their own: edit them as HTML, or eglot never starts on them.
(add-to-list 'auto-mode-alist '("\\.\\(cshtml\\|razor\\)\\'" . mhtml-mode))
(add-to-list 'eglot-server-programs '((html-mode mhtml-mode) . ("smolsp" "lsp")))
(setq-default eglot-workspace-configuration '(:smolsp (:siteName "Acme")))
(add-hook 'mhtml-mode-hook #'eglot-ensure)

;; The tests run the built server instead of an installed `smolsp'.
(when (getenv "SMOLSP_DLL")
  (setf (alist-get '(html-mode mhtml-mode) eglot-server-programs nil nil #'equal)
        (list "dotnet" (getenv "SMOLSP_DLL") "lsp")))
