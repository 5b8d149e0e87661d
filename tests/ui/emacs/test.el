;;; test.el --- drives the documented init.el in `emacs --batch': eglot starts on the file, Flymake gets the
;;; server's diagnostics, the hover on <head> answers; writes one line per fact to $SMOLSP_RESULT.
(require 'flymake)
(defun smolsp-test-log (fmt &rest args)
  (with-temp-buffer
    (insert (apply #'format fmt args) "\n")
    (append-to-file (point-min) (point-max) (getenv "SMOLSP_RESULT"))))

(defun smolsp-test-wait (predicate seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (funcall predicate)))

(condition-case err
    (let ((file (getenv "SMOLSP_FILE")))
      (find-file file)
      ;; eglot-ensure starts the server from post-command-hook, which batch mode never runs by itself.
      (run-hooks 'post-command-hook)
      (smolsp-test-log "MODE %s" major-mode)
      (if (not (smolsp-test-wait (lambda () (eglot-current-server)) 60))
          (smolsp-test-log "FAIL no eglot server")
        (smolsp-test-log "SERVER %s" (plist-get (eglot--server-info (eglot-current-server)) :name))
        (if (not (smolsp-test-wait (lambda () (flymake-diagnostics)) 60))
            (smolsp-test-log "FAIL no diagnostics")
          (dolist (d (flymake-diagnostics))
            (smolsp-test-log "DIAGNOSTIC line %d %s" (line-number-at-pos (flymake-diagnostic-beg d)) (flymake-diagnostic-text d))))
        (goto-char (point-min))
        (search-forward "<head>")
        (backward-char 3)
        (let ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover (eglot--TextDocumentPositionParams))))
          (smolsp-test-log "HOVER %s" (car (split-string (plist-get (plist-get hover :contents) :value) "\n"))))
        (eglot-shutdown (eglot-current-server))
        (smolsp-test-log "DONE")))
  (error (smolsp-test-log "FAIL %S" err)))
(kill-emacs 0)
