#lang racket/base
;; nx-raco compile server
;; =====================
;;
;; What: a long-lived Racket process that compiles one module at a time for the TypeScript
;; compilation manager (packages/cm-core/src/compile-server). TypeScript owns every decision
;; (is a .zo up to date, what goes into the .dep, where files are written); this process only
;; does what TypeScript cannot: expand and compile Racket code, exactly the way
;; `compiler/private/cm-minimal.rkt` (`compile-zo*`) does it, and report the dependencies
;; Racket discovered while doing so.
;;
;; Why a server and not one `racket` per module: raco make compiles dependencies *nested inside*
;; the expansion of their dependent (its `current-load/use-compiled` handler calls back into the
;; manager), and everything shares one namespace per run. A dependency must be compiled, and its
;; fresh .zo loaded, before the dependent's expansion can continue. So when expansion is about to
;; load a managed module file, this server asks TypeScript ("need") and waits; TypeScript may send
;; nested "compile" requests meanwhile, which are served recursively right here, in the dynamic
;; extent of the waiting load handler -- the same place CM's nested `compile-root` call runs.
;;
;; Namespace: ONE per server run (or until a "reset" request), like raco make, whose make.rkt
;; makes a single `make-base-empty-namespace` for the whole run. This matters for byte and
;; dependency compatibility: modules loaded once stay declared (they are not re-loaded, and
;; `compiler/cm-accomplice` registrations fire only on first instantiation, racket-notes §12.3).
;; Consequence: a client that keeps a server across builds MUST send "reset" at the start of each
;; build, or modules edited since the last build would be seen in their old version.
;;
;; Protocol: JSON lines on stdin/stdout, one JSON object per line each way, UTF-8. Mirrored as
;; TypeScript types in packages/cm-core/src/compile-server/protocol.ts (keep the two in sync).
;; Every message has a string field "type".
;;
;;   client -> server (requests; `id` is any JSON number/string, echoed back)
;;     {type:"compile", id, path, zoTmp}
;;         path: absolute source path (a missing "x.rkt" falls back to "x.ss", as CM does);
;;         zoTmp: absolute file to (over)write with the .zo bytes; its directory must exist.
;;         -> {type:"compile-result", id, ok:true, path, sourceSha1, zoSha1, deps:[Dep...],
;;             stdout, stderr}
;;            Dep = {path, kind:"module"|"indirect"|"ext", encoded, indirect?:true}
;;              encoded: `~s` of the form CM writes into the .dep, e.g.
;;              "(collects #\"racket\" #\"base.rkt\")", "#\"/abs/b.rkt\"", "(ext . #\"/abs/d.rktd\")".
;;              Deps are de-duplicated and sorted exactly as CM writes them (`s-exp<?`).
;;              `indirect:true` on an "ext" dep marks 8.7's `(ext indirect . …)` form, which makes
;;              raco make crash while hashing (racket-notes §1.2) -- the client decides what to do.
;;            stdout/stderr: whatever the module's compile-time code printed.
;;         -> {type:"compile-result", id, ok:false, path, kind, message, exnMessage, context,
;;             stdout, stderr}
;;            kind: "compile-error" (read/expand/compile raised), "dependency-failed" (the client
;;            answered a need with "failed"; message is the client's text, verbatim),
;;            "write-error" (zoTmp could not be written), "bad-request" (malformed request).
;;            getModuleCode: whether Racket raised exn:get-module-code (CM then deletes the .zo).
;;            message: the error text as raco make prints it (rendered by Racket's own
;;            uncaught-exception handler with CM's error display handler, so quirks carry over),
;;            including the "compilation context...:" and "location...:" sections, but without
;;            the "context...:" stack trace (raco's internal frames cannot match) and the final
;;            newline. Phase-1 errors have no compilation context, in raco as here: expansion
;;            runs compile-time code under a prompt that hides the marks.
;;            context: the "compilation context" paths, innermost first.
;;     {type:"recompile", id, path, from, zoTmp}
;;         Recompile the machine-independent .zo `from` for this machine (as CM does for a .dep
;;         whose machine is #f), writing the result to zoTmp.
;;         -> {type:"recompile-result", id, ok:true, path, zoSha1}  or  the ok:false shape above
;;     {type:"compile-zos", id, files, prefixes, noPrim, verbose}
;;         raco make --no-deps: compile each file alone with compiler/compiler's compile-zos
;;         (no .dep, no dependencies), after the `scheme` elaboration prefix and `load`ing each
;;         prefix file.  -> {type:"compile-zos-result", id, ok, message, stdout, stderr}
;;     {type:"ping", id}     -> {type:"pong", id, protocol, pid, racketVersion, vm, targetMachine,
;;                               useCompiledFilePaths, compiledFileRoots, collectsDir}
;;     {type:"reset", id}    -> {type:"reset-done", id}   fresh namespace (only at top level)
;;     {type:"set-compile-mode", id, mode}   (mode: a collection path string such as "errortrace",
;;                                             or null for the normal mode; only at top level)
;;         -> {type:"set-compile-mode-result", id, ok:true}
;;         -> {type:"set-compile-mode-result", id, ok:false, message}
;;         raco setup --mode M (setup-core.rkt:1080-1105): loads `(lib "zo-compile.rkt" M)`'s
;;         `zo-compile` (failure message: raco's "error loading compiler for mode ~s: ~a"), then
;;         every later "compile"/"recompile" runs with `current-compile` = zo-compile and
;;         `use-compiled-file-paths` = (compiled/M compiled) -- compiled/M first, then the normal
;;         dir, as errortrace's own runtime sets it (errortrace.rkt:31), so installation modules,
;;         which the client never compiles in mode M, load from their normal .zo. Starts a fresh
;;         namespace (the need handler depends on the compiled paths). "compile-zos" is not
;;         affected.
;;     {type:"shutdown", id} -> {type:"bye", id}, then exit 0
;;
;;   server -> client, while compiling
;;     {type:"need", needId, path, missing?}
;;         Expansion is about to load the module file `path` (CM would call `compile-root` on it
;;         here). With missing:true the file does not exist (CM only traces that, and may delete
;;         its stale .zo); the answer is still awaited. The server blocks until the client answers, serving any requests (typically
;;         nested "compile"s for `path`) that arrive meanwhile.
;;   client -> server, answers
;;     {type:"ready", needId, path}             load it now (from its .zo if that is fresh)
;;     {type:"failed", needId, path, message}   the dependent's compile fails with `message`
;;
;;   {type:"protocol-error", id, message}  a malformed or unknown request (id may be null). An
;;     answer that does not name the innermost outstanding need is fatal: the server sends a
;;     protocol-error and exits with status 70, because the nesting can no longer be trusted.
;;
;; Exit statuses: 0 after "shutdown" or when stdin closes; 70 on a fatal protocol error; anything
;; else comes from the compiled code itself (e.g. `(exit 3)` in `begin-for-syntax` exits with 3,
;; exactly as it would under raco make).
;;
;; Output discipline: stdout carries protocol lines only. The real stdout/stdin are captured in
;; `protocol-out`/`protocol-in` at startup; everything else runs with `current-output-port` set to
;; stderr (stray server-side output) or, during a compile, to string ports whose contents are
;; returned in the reply; `current-input-port` is an empty port so compile-time code cannot eat
;; protocol input.
;;
;; Reuse: the moving parts come from Racket's own CM modules, so they stay byte-identical to raco:
;; `get-module-code` (reading with the module-reading parameterization and compiling), `get-deps`
;; (imports at every phase, all submodules, self dropped), `path*->collects-relative`
;; (collects/absolute encoding), `s-exp<?` (sorting), `install-module-hashes!`, `get-source-sha1`,
;; `managed-compiled-context-key` and `make-compilation-context-error-display-handler`.
;;
;; Fragile (read before changing):
;;  - compiler/private/* and the `cm-internal` submodule are Racket internals, checked against
;;    8.7 CS only. The copied pieces of cm-minimal.rkt (reader guard ~l.735, accomplice logger
;;    ~l.722, write-relative directory ~l.814, dep encoding ~l.970, load-handler skip rules
;;    ~l.145) must be re-checked against each new Racket version.
;;  - Paths cross the protocol as strings (`path->string`); non-UTF-8 path bytes cannot
;;    round-trip. The `encoded` strings are exact (`~s` escapes every byte).
;;  - Error texts render source locations relative to the server's current directory (as raco
;;    does with its own); spawn the server in the directory raco would run in.
;;  - `current-path->mode`, `managed-recompile-only`, cross-compilation and security guards are
;;    not supported. A compile mode applies to the whole server, not per path.

(require json
         racket/list
         racket/path                           ; simple-form-path
         (only-in racket/os getpid)
         file/sha1
         syntax/private/modcode-noctc          ; get-module-code, as CM uses it
         setup/private/dirs                    ; find-collects-dir, as CM uses it
         compiler/private/cm-minimal           ; install-module-hashes!, compilation context
         (only-in (submod compiler/private/cm-minimal cm-internal) get-source-sha1)
         (only-in compiler/private/cm-dep get-deps)
         (only-in compiler/private/cm-path rkt->ss path*->collects-relative)
         (only-in compiler/private/cm-util s-exp<?))

(define PROTOCOL-VERSION 4)
(define EXIT-PROTOCOL-ERROR 70)

;; ----------------------------------------------------------------------------------------
;; Protocol I/O

(define protocol-in (current-input-port))
(define protocol-out (current-output-port))

(define (send! msg)
  (write-json msg protocol-out)
  (newline protocol-out)
  (flush-output protocol-out))

(define (protocol-error! id message #:fatal? [fatal? #f])
  (send! (hasheq 'type "protocol-error" 'id (or id (json-null)) 'message message))
  (when fatal? (exit EXIT-PROTOCOL-ERROR)))

;; Returns a hash with a string 'type, or eof. Malformed lines are reported and skipped.
(define (read-message!)
  (define line (read-line protocol-in 'linefeed))
  (cond
    [(eof-object? line) line]
    [(regexp-match? #px"^\\s*$" line) (read-message!)]
    [else
     (define msg (with-handlers ([exn:fail? (lambda (e) e)]) (string->jsexpr line)))
     (cond
       [(and (hash? msg) (string? (hash-ref msg 'type #f))) msg]
       [else
        (protocol-error! (and (hash? msg) (hash-ref msg 'id #f))
                         (format "Expected a JSON object with a string \"type\", got ~s" line))
        (read-message!)])]))

(define (path->json p) (path->string p))

;; ----------------------------------------------------------------------------------------
;; The compilation namespace and the "need" load handler

(define base-error-display-handler (error-display-handler))
(define default-load/use-compiled (current-load/use-compiled))

;; One namespace for the whole run, like make.rkt. Replaced by "reset".
(define compile-namespace #f)
(define need-load-handler #f)

(define (reset-namespace!)
  (define ns (make-base-empty-namespace))
  (set! compile-namespace ns)
  (set! need-load-handler (call-in-compile-mode
                           (lambda ()
                             (parameterize ([current-namespace ns])
                               (make-need-load-handler default-load/use-compiled))))))

;; ----------------------------------------------------------------------------------------
;; Compile mode (raco setup --mode M)

;; #f, or the mode's collection path (a string) with its `zo-compile` and compiled paths.
(define compile-mode #f)
(define mode-compile #f)
(define mode-compiled-paths #f)
(define default-compiled-paths (use-compiled-file-paths))

;; Runs `thunk` with the parameters of the current compile mode (none in the normal mode).
(define (call-in-compile-mode thunk)
  (if compile-mode
      (parameterize ([use-compiled-file-paths mode-compiled-paths]
                     [current-compile mode-compile])
        (thunk))
      (thunk)))

;; A collection path as `lib` accepts it: "a" or "a/b", letters, digits, `-`, `+`, `_` only.
(define (mode-name? v)
  (and (string? v) (regexp-match? #px"^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$" v)))

;; Returns #f on success, or the error message.
(define (set-compile-mode! mode)
  (cond
    [(eq? mode (json-null))
     (set! compile-mode #f)
     (set! mode-compile #f)
     (set! mode-compiled-paths #f)
     (reset-namespace!)
     #f]
    [(not (mode-name? mode))
     (format "Expected \"mode\" to be a collection path such as \"errortrace\", or null, got ~s" mode)]
    [else
     ;; Loaded as raco setup does: in the normal mode, outside any compilation, so the
     ;; compiler's own modules come from their normal .zo files.
     (define zo-compile
       (with-handlers ([exn:fail? (lambda (e)
                                    (format "error loading compiler for mode ~s: ~a"
                                            mode (exn-message e)))])
         (dynamic-require `(lib "zo-compile.rkt" ,mode) 'zo-compile)))
     (cond
       [(string? zo-compile) zo-compile]
       [(not (procedure? zo-compile))
        (format "error loading compiler for mode ~s: zo-compile is not a procedure: ~e"
                mode zo-compile)]
       [else
        (define base (if (pair? default-compiled-paths) (car default-compiled-paths) "compiled"))
        (set! compile-mode mode)
        (set! mode-compile zo-compile)
        (set! mode-compiled-paths (cons (build-path base mode) default-compiled-paths))
        (reset-namespace!)
        #f])]))

;; The innermost outstanding need id, or #f at top level.
(define current-need-id (make-parameter #f))
(define need-counter 0)

;; Raised (inside expansion) when the client answers a need with "failed".
(struct exn:fail:need-failed exn:fail (path))

;; Mirrors `make-compilation-manager-load/use-compiled-handler/table` (cm-minimal ~l.131-199):
;; the same conditions under which CM skips `compile-root` make us skip the "need" round trip.
;; (`current-path->mode` is not supported, so only the `use-compiled-file-paths` check applies.)
(define (make-need-load-handler default-handler)
  (define modes (use-compiled-file-paths))
  (when (null? modes)
    (raise-arguments-error 'compile-server "use-compiled-file-paths is '()"))
  (define roots (current-compiled-file-roots))
  (define orig-eval (current-eval))
  (define orig-load (current-load))
  (define orig-registry (namespace-module-registry (current-namespace)))
  (define (handler path mod-name)
    (define exists? (or (file-exists? path)
                        (let ([p2 (rkt->ss path)])
                          (and (not (eq? path p2)) (file-exists? p2)))))
    (when (and mod-name
               ;; `(#f . submod)`: "load only if no source is involved" -- CM skips these.
               (not (and (pair? mod-name) (not (car mod-name))))
               ;; CM traces a missing file (and may delete its .zo) before the checks below.
               (or exists? (begin (await-need! path #:missing? #t) #f))
               (let ([cfp (use-compiled-file-paths)])
                 (and (pair? cfp) (equal? (car cfp) (car modes))))
               (equal? roots (current-compiled-file-roots))
               ;; A macro that installed its own handler, evaluator, loader or namespace is doing
               ;; some other kind of evaluation; CM leaves those loads alone and so do we.
               (eq? handler (current-load/use-compiled))
               (eq? orig-eval (current-eval))
               (eq? orig-load (current-load))
               (eq? orig-registry (namespace-module-registry (current-namespace))))
      (await-need! path))
    (default-handler path mod-name))
  handler)

;; Send "need" and serve requests until the matching answer arrives. Runs in the dynamic extent
;; of the dependent's compilation, so nested compiles see its continuation marks (the
;; "compilation context") and its accomplice logger as parent, exactly like CM's recursion.
(define (await-need! path #:missing? [missing? #f])
  (set! need-counter (add1 need-counter))
  (define need-id need-counter)
  (send! (if missing?
             (hasheq 'type "need" 'needId need-id 'path (path->json path) 'missing #t)
             (hasheq 'type "need" 'needId need-id 'path (path->json path))))
  (parameterize ([current-need-id need-id])
    (let loop ()
      (define msg (read-message!))
      (cond
        [(eof-object? msg) (exit 0)]
        [(member (hash-ref msg 'type) '("ready" "failed"))
         (unless (equal? (hash-ref msg 'needId #f) need-id)
           (protocol-error! #f
                            (format "Expected an answer to need ~a (~a), got ~a for need ~s"
                                    need-id (path->json path)
                                    (hash-ref msg 'type) (hash-ref msg 'needId #f))
                            #:fatal? #t))
         (when (equal? (hash-ref msg 'type) "failed")
           (define message (hash-ref msg 'message #f))
           (raise (exn:fail:need-failed (if (string? message)
                                            message
                                            (format "dependency failed: ~a" (path->json path)))
                                        (current-continuation-marks)
                                        path)))]
        [else
         (handle-request! msg)
         (loop)]))))

;; ----------------------------------------------------------------------------------------
;; Compiling one module (mirrors `compile-zo*`, cm-minimal ~l.686-865, regular mode)

;; CM's reader-guard wrapper; `top` lets nested compilations start from the outermost guard
;; instead of stacking guards (and recording a nested module's reader deps twice).
(define-struct ext-reader-guard (proc top)
  #:property prop:procedure (struct-field-index proc))

;; Prefab keys logged by compiler/cm-accomplice (cm-minimal ~l.683-684).
(define-struct file-dependency (path module?) #:prefab)
(define-struct (file-dependency/options file-dependency) (table) #:prefab)

;; cm-minimal ~l.814-830: paths under the module's directory (and under the main collects
;; directory) are written relative, so .zo bytes match raco's for the same directory.
(define (write-relative-directory path)
  (let* ([dir (let-values ([(base name dir?) (split-path path)])
                (if (eq? base 'relative)
                    (current-directory)
                    (path->complete-path base (current-directory))))]
         [collects-dir (find-collects-dir)]
         [e-dir (explode-path dir)]
         [e-collects-dir (explode-path collects-dir)])
    (if (and ((length e-dir) . > . (length e-collects-dir))
             (for/and ([a (in-list e-dir)]
                       [b (in-list e-collects-dir)])
               (equal? a b)))
        (cons dir collects-dir)
        dir)))

;; The `path` CM compiles: simplified, with the ".ss" fallback of `compile-root`.
(define (choose-source-path p)
  (define main (simple-form-path p))
  (define alt (rkt->ss main))
  (if (and (not (file-exists? main)) (not (eq? alt main)) (file-exists? alt))
      alt
      main))

;; Returns (values code external-deps external-module-deps reader-deps).
(define (compile-source path)
  (define external-deps null)
  (define external-module-deps null)
  (define reader-deps null)
  (define deps-sema (make-semaphore 1))
  (define (external-dep! p module? indirect?)
    (define bstr (path->bytes p))
    (define dep (if indirect? (cons 'indirect bstr) bstr))
    (if module?
        (set! external-module-deps (cons dep external-module-deps))
        (set! external-deps (cons dep external-deps))))
  (define (reader-dep! p)
    (call-with-semaphore deps-sema
                         (lambda () (set! reader-deps (cons (path->bytes p) reader-deps)))))
  ;; Don't propagate 'cm-accomplice events, so that enclosing compilations don't see events
  ;; intended for this one (cm-minimal ~l.722).
  (define accomplice-logger (make-logger #f (current-logger) 'none 'cm-accomplice 'debug))
  (define receiver (make-log-receiver accomplice-logger 'info 'cm-accomplice))
  (define roots (current-compiled-file-roots))
  (define code
    (parameterize ([current-reader-guard
                    (let* ([rg (current-reader-guard)]
                           [rg (if (ext-reader-guard? rg) (ext-reader-guard-top rg) rg)])
                      (make-ext-reader-guard
                       (lambda (d)
                         (let ([d (rg d)])
                           (when (module-path? d)
                             (let* ([p (resolved-module-path-name
                                        (module-path-index-resolve
                                         (module-path-index-join d #f)))]
                                    [p (if (pair? p)
                                           ;; A dependency only if the submodule is declared:
                                           (if (module-declared? d #t) (car p) #f)
                                           p)])
                               (when (path? p) (reader-dep! p))))
                           d))
                       rg))]
                   [current-logger accomplice-logger])
      (with-continuation-mark managed-compiled-context-key path
        (get-module-code path (car (use-compiled-file-paths)) compile
                         #:choose (lambda (src zo so) 'src)
                         #:extension-handler (lambda (a b) #f)
                         #:roots (list (car roots))
                         #:source-reader read-syntax))))
  (let loop ()
    (define l (sync/timeout 0 receiver))
    (when l
      (define v (vector-ref l 2))
      (when (and (eq? (vector-ref l 0) 'info)
                 (file-dependency? v)
                 (path? (file-dependency-path v)))
        (external-dep! (file-dependency-path v)
                       (file-dependency-module? v)
                       (and (file-dependency/options? v)
                            (hash-ref (file-dependency/options-table v) 'indirect #f))))
      (loop)))
  (values code external-deps external-module-deps reader-deps))

;; Serialise exactly as `compile-zo*` does before writing the .zo.
(define (code->zo-bytes code path)
  (parameterize ([current-write-relative-directory (write-relative-directory path)])
    (define b (open-output-bytes))
    (write code b)
    (define s (get-output-bytes b))
    (install-module-hashes! s)
    s))

;; The dependency list of `write-deps` (cm-minimal ~l.970-1000), keeping each entry's path.
;; Returns a sorted list of jsexpr hashes.
(define (code->dep-entries code path external-deps external-module-deps reader-deps)
  (define deps (remove-duplicates (append (get-deps code path) external-module-deps reader-deps)))
  (define ext-deps (remove-duplicates external-deps))
  (define (encode/maybe-indirect dep)
    (if (and (pair? dep) (eq? 'indirect (car dep)))
        (cons 'indirect (path*->collects-relative (cdr dep)))
        (path*->collects-relative dep)))
  (define (raw-path dep) (bytes->path (if (pair? dep) (cdr dep) dep)))
  (define entries
    (append
     (for/list ([d (in-list deps)])
       (list (encode/maybe-indirect d) (raw-path d) (if (pair? d) "indirect" "module") #f))
     (for/list ([x (in-list ext-deps)])
       (define d (encode/maybe-indirect x))
       ;; Same (always false) test as 8.7's write-deps, so the bug form `(ext indirect . …)` is
       ;; reproduced rather than silently fixed.
       (list (if (and (pair? d) (eq? 'indirect d))
                 (cons 'indirect (cons 'ext (cdr d)))
                 (cons 'ext d))
             (raw-path x)
             "ext"
             (pair? x)))))
  (for/list ([e (in-list (sort entries s-exp<? #:key car))])
    (define h (hasheq 'encoded (format "~s" (car e))
                      'path (path->json (cadr e))
                      'kind (caddr e)))
    (if (cadddr e) (hash-set h 'indirect #t) h)))

;; The text raco make prints for an uncaught exception, minus the stack trace and final newline.
;; Produced by Racket's own default uncaught-exception handler with CM's error display handler
;; installed, as in raco make's raise context, so every quirk comes along (e.g. a non-exception
;; `raise` makes CM's handler itself fail, and raco prints "exception raised by error display
;; handler: …"). The "context...:" stack-trace section is cut: it lists this server's frames.
;; "location...:" is printed only when `error-print-context-length` is positive, so keep it.
(define base-uncaught-exception-handler (uncaught-exception-handler))
(define (render-error-text v)
  (define o (open-output-string))
  (define tag (make-continuation-prompt-tag 'render-error))
  (call-with-continuation-prompt
   (lambda ()
     (parameterize ([current-error-port o]
                    [error-display-handler
                     (make-compilation-context-error-display-handler base-error-display-handler)]
                    [error-escape-handler (lambda () (abort-current-continuation tag void))])
       (base-uncaught-exception-handler v)))
   tag
   void)
  (regexp-replace #rx"(\n  context[.][.][.]:(\n   [^\n]*)*)?\n?$" (get-output-string o) ""))

(define (compilation-context v)
  (if (exn? v)
      (for/list ([p (in-list (continuation-mark-set->list (exn-continuation-marks v)
                                                          managed-compiled-context-key))])
        (if (path? p) (path->json p) (format "~a" p)))
      null))

(define (handle-compile! id src zo-tmp)
  (define (fail kind path message #:exn-message [exn-message message] #:context [context null]
                #:stdout [out ""] #:stderr [err ""] #:get-module-code? [gmc? #f])
    (send! (hasheq 'type "compile-result" 'id id 'ok #f 'kind kind
                   'path (if (path? path) (path->json path) path)
                   'message message 'exnMessage exn-message 'context context
                   'getModuleCode gmc?
                   'stdout out 'stderr err)))
  (cond
    [(not (and (string? src) (complete-path? (string->path src))))
     (fail "bad-request" src (format "Expected \"path\" to be an absolute path string, got ~s" src))]
    [(not (and (string? zo-tmp) (complete-path? (string->path zo-tmp))))
     (fail "bad-request" src (format "Expected \"zoTmp\" to be an absolute path string, got ~s" zo-tmp))]
    [else
     (define path (choose-source-path (string->path src)))
     (define out (open-output-string))
     (define err (open-output-string))
     (define result
       (with-handlers ([(lambda (v) (not (exn:break? v)))
                        (lambda (v) (vector 'failed v))])
         (parameterize ([current-output-port out]
                        [current-error-port err]
                        [current-namespace compile-namespace]
                        [current-load/use-compiled need-load-handler])
           (call-in-compile-mode
            (lambda ()
              (cond
                [(not (file-exists? path))
                 (vector 'missing)]
                [else
                 ;; CM hashes the source before compiling when the old .dep is usable, otherwise
                 ;; right after; both read the file as it is on disk at that moment.
                 (define src-sha1 (get-source-sha1 path))
                 (define-values (code ext-deps ext-module-deps reader-deps) (compile-source path))
                 (vector 'ok src-sha1 code ext-deps ext-module-deps reader-deps)]))))))
     (define stdout (get-output-string out))
     (define stderr (get-output-string err))
     (case (vector-ref result 0)
       [(missing)
        (fail "bad-request" path (format "file does not exist: ~a" (path->json path))
              #:stdout stdout #:stderr stderr)]
       [(failed)
        (define v (vector-ref result 1))
        (if (exn:fail:need-failed? v)
            (fail "dependency-failed" path (exn-message v)
                  #:context (compilation-context v) #:stdout stdout #:stderr stderr)
            (fail "compile-error" path (render-error-text v)
                  #:exn-message (if (exn? v) (exn-message v) (render-error-text v))
                  #:context (compilation-context v) #:stdout stdout #:stderr stderr
                  #:get-module-code? (exn:get-module-code? v)))]
       [(ok)
        (define-values (src-sha1 code) (values (vector-ref result 1) (vector-ref result 2)))
        (define written
          (with-handlers ([exn:fail? (lambda (e) e)])
            (define bstr (code->zo-bytes code path))
            (call-with-output-file* zo-tmp #:exists 'truncate/replace
                                    (lambda (o) (write-bytes bstr o)))
            bstr))
        (if (exn? written)
            (fail "write-error" path (exn-message written) #:stdout stdout #:stderr stderr)
            (send! (hasheq 'type "compile-result" 'id id 'ok #t
                           'path (path->json path)
                           'sourceSha1 src-sha1
                           'zoSha1 (bytes->hex-string (sha1-bytes written))
                           'deps (code->dep-entries code path
                                                    (vector-ref result 3)
                                                    (vector-ref result 4)
                                                    (vector-ref result 5))
                           'stdout stdout
                           'stderr stderr)))])]))

;; Mirrors `recompile-module-code` (cm-minimal ~l.866-876): machine-independent code in `from`
;; recompiled for this machine, serialised as `compile-zo*` does, written to `zo-tmp`.
(define (handle-recompile! id src from zo-tmp)
  (define (fail kind path message)
    (send! (hasheq 'type "recompile-result" 'id id 'ok #f 'kind kind
                   'path (if (path? path) (path->json path) path)
                   'message message 'exnMessage message 'context null
                   'getModuleCode #f 'stdout "" 'stderr "")))
  (cond
    [(not (and (string? src) (string? from) (string? zo-tmp)
               (complete-path? (string->path src))
               (complete-path? (string->path from))
               (complete-path? (string->path zo-tmp))))
     (fail "bad-request" src (format "Expected absolute \"path\", \"from\" and \"zoTmp\", got ~s ~s ~s"
                                     src from zo-tmp))]
    [else
     (define path (choose-source-path (string->path src)))
     (define result
       (with-handlers ([(lambda (v) (not (exn:break? v))) (lambda (v) v)])
         (parameterize ([current-namespace compile-namespace]
                        [current-load/use-compiled need-load-handler])
           (call-in-compile-mode
            (lambda ()
              (define-values (base name dir?) (split-path path))
              ;; Both the read and the recompile resolve relative requires against the module's
              ;; own directory, as in `recompile-module-code`.
              (define recompiled
                (parameterize ([current-load-relative-directory (if (path? base) base (current-directory))])
                  (define code (parameterize ([read-accept-compiled #t])
                                 (call-with-input-file* (string->path from) read)))
                  (compiled-expression-recompile code)))
              (define bstr (code->zo-bytes recompiled path))
              (call-with-output-file* zo-tmp #:exists 'truncate/replace
                                      (lambda (o) (write-bytes bstr o)))
              bstr)))))
     (if (bytes? result)
         (send! (hasheq 'type "recompile-result" 'id id 'ok #t 'path (path->json path)
                        'zoSha1 (bytes->hex-string (sha1-bytes result))))
         (fail "compile-error" path (render-error-text result)))]))

;; raco make --no-deps (make.rkt:71-82): `compile-zos` from compiler/compiler, with the same
;; elaboration prefix; loaded lazily because only this request needs it.
(define (handle-compile-zos! id files prefixes no-prim? verbose?)
  (define out (open-output-string))
  (define err (open-output-string))
  (define result
    (with-handlers ([(lambda (v) (not (exn:break? v))) (lambda (v) v)])
      (unless (and (list? files) (andmap string? files) (list? prefixes) (andmap string? prefixes))
        (error 'compile-zos "Expected \"files\" and \"prefixes\" to be lists of strings, got ~s ~s"
               files prefixes))
      (define compile-zos (dynamic-require 'compiler/compiler 'compile-zos))
      (define prefix
        `(begin
           (require scheme)
           ,(if no-prim? '(namespace-require/copy 'scheme) '(void))
           ,@(map (lambda (s) `(load ,s)) prefixes)
           (void)))
      (parameterize ([current-output-port out]
                     [current-error-port err]
                     [current-namespace (make-base-empty-namespace)])
        ((compile-zos prefix #:verbose? verbose?) files 'auto))
      #t))
  (send! (hasheq 'type "compile-zos-result" 'id id 'ok (eq? result #t)
                 'message (if (eq? result #t) "" (render-error-text result))
                 'stdout (get-output-string out) 'stderr (get-output-string err))))

;; ----------------------------------------------------------------------------------------
;; Dispatch

(define (handle-request! msg)
  (define id (hash-ref msg 'id (json-null)))
  (define type (hash-ref msg 'type))
  (cond
    [(equal? type "compile")
     (handle-compile! id (hash-ref msg 'path #f) (hash-ref msg 'zoTmp #f))]
    [(equal? type "recompile")
     (handle-recompile! id (hash-ref msg 'path #f) (hash-ref msg 'from #f) (hash-ref msg 'zoTmp #f))]
    [(equal? type "compile-zos")
     (handle-compile-zos! id (hash-ref msg 'files #f) (hash-ref msg 'prefixes null)
                          (eq? #t (hash-ref msg 'noPrim #f)) (eq? #t (hash-ref msg 'verbose #f)))]
    [(equal? type "ping")
     (send! (hasheq 'type "pong" 'id id
                    'protocol PROTOCOL-VERSION
                    'pid (getpid)
                    'racketVersion (version)
                    'vm (symbol->string (system-type 'vm))
                    'targetMachine (let ([m (current-compile-target-machine)])
                                     (if m (symbol->string m) (json-null)))
                    'useCompiledFilePaths (map path->json (use-compiled-file-paths))
                    'compiledFileRoots (for/list ([r (in-list (current-compiled-file-roots))])
                                         (if (path? r) (path->json r) (format "~a" r)))
                    'collectsDir (path->json (find-collects-dir))))]
    [(equal? type "reset")
     (cond
       [(current-need-id)
        (protocol-error! id "\"reset\" is only allowed when no need is outstanding")]
       [else
        (reset-namespace!)
        (send! (hasheq 'type "reset-done" 'id id))])]
    [(equal? type "set-compile-mode")
     (cond
       [(current-need-id)
        (protocol-error! id "\"set-compile-mode\" is only allowed when no need is outstanding")]
       [else
        (define failure (set-compile-mode! (hash-ref msg 'mode (json-null))))
        (send! (if failure
                   (hasheq 'type "set-compile-mode-result" 'id id 'ok #f 'message failure)
                   (hasheq 'type "set-compile-mode-result" 'id id 'ok #t)))])]
    [(equal? type "shutdown")
     (send! (hasheq 'type "bye" 'id id))
     (exit 0)]
    [(member type '("ready" "failed"))
     (protocol-error! #f (format "Got ~s for need ~s, but no need is outstanding"
                                 type (hash-ref msg 'needId #f))
                      #:fatal? #t)]
    [else
     (protocol-error! id (format "Unknown request type ~s" type))]))

(define (serve!)
  (reset-namespace!)
  (parameterize ([current-output-port (current-error-port)]
                 [current-input-port (open-input-bytes #"")])
    (let loop ()
      (define msg (read-message!))
      (unless (eof-object? msg)
        (handle-request! msg)
        (loop)))))

(module+ main
  (serve!))
