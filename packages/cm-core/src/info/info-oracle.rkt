#lang racket/base
;; Test oracle for the info.rkt evaluator specs: asks Racket's own `get-info/full` about many
;; directories in ONE process and compares its answers with ours.
;;
;; Usage: racket info-oracle.rkt OURS.rktd
;; OURS.rktd holds one datum per directory, written by the spec:
;;   ("dir" ok ((name . value) ...))   ; our fields in definition order
;;   ("dir" error)                     ; we raised an error
;; A value that `read` cannot express (a path, a procedure, void) is sent as
;; #s(nx-raco-printed "text"): Racket compares its `~s` text instead of using `equal?`.
;;
;; Prints one JSON array; per directory:
;;   {"dir", "ok": true, "names": [...], "checks": [{"name", "equal", "racket"}]}
;;   {"dir", "ok": false, "message", "line", "column", "position"}
;; where "message" is Racket's text without its "path:line:col: " prefix, and the location is
;; null unless Racket's error points into the info file.
(require setup/getinfo json racket/match syntax/modread)

(struct nx-raco-printed (text) #:prefab)

(define ns (make-base-empty-namespace))

;; getinfo.rkt's fast path never declares the module, so `#%info-domain` may not be loadable
;; (e.g. `(define define 5) (define b 1)`); then the names come from the definitions, exactly
;; as the fast path reads them.
(define (domain-of dir)
  (define file (build-path dir "info.rkt"))
  (with-handlers ([exn:fail?
                   (lambda (e)
                     (match (with-input-from-file file
                              (lambda () (with-module-reading-parameterization read)))
                       [(list 'module 'info _ (list '#%module-begin (list 'define ids _) ...)) ids]
                       [_ (raise e)]))])
    (parameterize ([current-namespace ns])
      ((dynamic-require file '#%info-domain)))))

(define (strip-location msg)
  (regexp-replace #rx"^[^\n]*?[.](rkt|ss):[0-9]*:[0-9]*: " msg ""))

(define (racket-answer dir ours)
  (with-handlers ([exn:fail?
                   (lambda (e)
                     (define locs (if (exn:srclocs? e) ((exn:srclocs-accessor e) e) '()))
                     ;; Only locations inside the info file itself (not, e.g., infotab.rkt).
                     (define loc (for/first ([l (in-list locs)]
                                             #:when (equal? (srcloc-source l) (build-path dir "info.rkt")))
                                   l))
                     (hasheq 'dir dir 'ok #f
                             'message (strip-location (exn-message e))
                             'line (or (and loc (srcloc-line loc)) 'null)
                             'column (or (and loc (srcloc-column loc)) 'null)
                             'position (or (and loc (srcloc-position loc)) 'null)))])
    (define info (get-info/full dir))
    (unless info (error 'oracle "no info file in ~a" dir))
    (define names (domain-of dir))
    (define checks
      (for/list ([n (in-list names)])
        (define v (info n))
        (define mine (and (list? ours) (assq n ours)))
        (hasheq 'name (symbol->string n)
                'racket (format "~s" v)
                'equal (and mine
                            (let ([m (cdr mine)])
                              (if (nx-raco-printed? m)
                                  (equal? (nx-raco-printed-text m) (format "~s" v))
                                  (equal? m v)))))))
    (hasheq 'dir dir 'ok #t 'names (map symbol->string names) 'checks checks)))

(define entries
  (with-input-from-file (vector-ref (current-command-line-arguments) 0)
    (lambda () (for/list ([d (in-port read)]) d))))

(write-json
 (for/list ([entry (in-list entries)])
   (match entry
     [(list dir 'ok fields) (racket-answer dir fields)]
     [(list dir 'error) (racket-answer dir #f)])))
(newline)
