#lang racket/base
;; nx-raco installer runner
;; ========================
;;
;; What: calls the `pre-installer` / `installer` / `post-installer` of every collection of one
;; part of `nx-raco setup`, in order, the way raco setup's `do-install-part` does it
;; (collects/setup/setup-core.rkt:928-991): `dynamic-require` the module, print
;; `<program>: <prefix>installing: <collection name>`, then call the procedure with 4, 3, 2 or 1
;; arguments, whichever its arity includes first:
;;   (build-path main-collects-dir 'up)   e.g. #<path:/usr/share/racket/collects/..>
;;   the collection's directory           e.g. #<path:/ws/colls/mc>
;;   user? = #t                           workspace collections are never in the installation
;;   avoid-main? = #f                     raco: (and main? (avoid-main-installation))
;;
;; Used by packages/setup-executor/src/setup-command/installers.ts, which validates the info.rkt
;; fields and compiles the installer modules first (raco's compilation manager compiles them
;; while loading them); validation and compile failures arrive here as "error" jobs so that
;; every message appears in the collections' order.
;;
;; Command line: racket run-installers.rkt <program> <part> <results-file> <job> ...
;;   part: pre | general | post
;;   job:  three arguments <collection dir> <collection name> <payload>, where payload is
;;         "file:<path relative to the dir>" or "error:<message>"
;;
;; Results (the side channel, never mixed with the installers' own output): <results-file> gets
;; one `write`n line per job, in job order, as soon as the job ends:
;;   (<index> ok)
;;   (<index> error "<message as raco's error summary shows it>")
;;
;; Differences from raco, on purpose: each call is isolated -- an installer that raises a
;; non-exception value, or calls `exit`, is recorded as an error of its collection and the
;; others still run (raco setup dies or exits). One process serves one part, so module state
;; is shared between the collections of a part (as in raco) but not between parts.
;;
;; Fragile: the long error form printed to stderr (`context...:` lines) names this module's
;; frames where raco's names setup-core's.

(require setup/dirs)

(define-values (program part results-file jobs)
  (let ([args (vector->list (current-command-line-arguments))])
    (unless (and (>= (length args) 3) (zero? (remainder (- (length args) 3) 3)))
      (raise-user-error 'run-installers
                        "expected <program> <part> <results-file> followed by triples, got ~s"
                        args))
    (values (car args) (string->symbol (cadr args)) (caddr args) (cdddr args))))

(define-values (export-name prefix)
  (case part
    [(pre) (values 'pre-installer "pre-")]
    [(general) (values 'installer "")]
    [(post) (values 'post-installer "post-")]
    [else (raise-user-error 'run-installers "expected part pre, general or post, got ~s" part)]))

;; raco: (define main-collects-dir (simple-form-path (find-collects-dir))); `simple-form-path`
;; (racket/path) is `simplify-path` of `path->complete-path`.
(define parent-of-main-collects
  (build-path (simplify-path (path->complete-path (find-collects-dir))) 'up))

(define results (open-output-file results-file #:exists 'truncate))

(define (record! index result)
  (write (cons index result) results)
  (newline results)
  (flush-output results))

(define (flush-all)
  (flush-output (current-output-port))
  (flush-output (current-error-port)))

;; raco's `handle-error` prints the long form at once; the summary shows `exn-message`.
(define (report-failure index v)
  (define message
    (cond
      [(exn? v)
       ((error-display-handler) (exn-message v) v)
       (exn-message v)]
      [else
       (define text (format "uncaught exception: ~a" ((error-value->string-handler) v 256)))
       (eprintf "~a\n" text)
       text]))
  (record! index (list 'error message)))

(define (call-installer dir name file)
  (define installer
    (with-handlers ([exn:fail?
                     (lambda (exn)
                       (error (string->symbol program) "error loading installer: ~a"
                              (exn-message exn)))])
      (dynamic-require (build-path dir file) export-name)))
  (printf "~a: ~ainstalling: ~a\n" program prefix name)
  (flush-output)
  (cond
    [(procedure-arity-includes? installer 4) (installer parent-of-main-collects dir #t #f)]
    [(procedure-arity-includes? installer 3) (installer parent-of-main-collects dir #t)]
    [(procedure-arity-includes? installer 2) (installer parent-of-main-collects dir)]
    [else (installer parent-of-main-collects)]))

(define (run-job index dir name payload)
  (cond
    [(regexp-match #rx"^error:(.*)$" payload)
     => (lambda (m)
          (eprintf "~a\n" (cadr m))
          (record! index (list 'error (cadr m))))]
    [(regexp-match #rx"^file:(.*)$" payload)
     => (lambda (m)
          (define outcome
            (let/ec escape
              (with-handlers ([(lambda (v) (not (exn:break? v)))
                               (lambda (v) (report-failure index v) 'failed)])
                (parameterize ([exit-handler
                                (lambda (code)
                                  (escape (list 'exit code)))])
                  (call-installer (string->path dir) name (cadr m))
                  'ok))))
          (cond
            [(eq? outcome 'ok) (record! index '(ok))]
            [(pair? outcome)
             (define text (format "~ainstaller called (exit ~s); the other installers ran anyway"
                                  prefix (cadr outcome)))
             (eprintf "~a\n" text)
             (record! index (list 'error text))]))]
    [else (raise-user-error 'run-installers "expected a file: or error: job, got ~s" payload)])
  (flush-all))

(let loop ([jobs jobs] [index 0])
  (unless (null? jobs)
    (run-job index (car jobs) (cadr jobs) (caddr jobs))
    (loop (cdddr jobs) (add1 index))))
(close-output-port results)
