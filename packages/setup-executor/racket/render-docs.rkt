#lang racket/base
;; The documentation worker of `nx-raco setup`: runs and renders scribblings documents the way
;; `raco setup` does (racket-index/setup/scribble.rkt, Racket 8.7), for one run, driven by
;; packages/setup-executor/src/docs/render-worker.ts. That file's `render-protocol.ts` is the
;; other copy of the protocol below.
;;
;; Protocol: one JSON object per line on stdin, one reply per request on stdout, in order.
;;   {"op":"init","docs":[DOC...]}            -> {"op":"ready"}
;;       every workspace document whose saved xref data (out<i>.sxref) may be used.
;;   {"op":"run","doc":DOC}                    -> {"op":"ran","ok":true,"outChanged":B,"provides":[S...],...}
;;       raco's "running:" pass: load, collect, resolve, write out<i>.sxref when its content
;;       changed (raco's `need-out-write`), and in.sxref (the keys it refers to).
;;   {"op":"check","ids":[ID...]}              -> {"op":"checked","undefined":{ID:[S...]},...}
;;       raco's "undefined tag" report, from the documents' in.sxref (ids among "init"'s docs).
;;   {"op":"render","doc":DOC}                 -> {"op":"rendered","ok":true,"title":S,"refs":[ID...],"undefined":[S...],...}
;;       raco's "rendering:" pass (`build-again!`), then the up link made relative.
;;   {"op":"quit"}                             -> exits.
;; DOC = {"id","src","spec":[STRING...],"destDir","flags":[SYM...],"outCount","upPath","upLink"}
;;   `spec` is the lib path `(lib "scribblings/x.scrbl" "coll" ...)` without `lib`.
;; Every reply carries "stdout" and "stderr": what the document printed during the request
;; (scribble's warnings among it). A failed request replies "ok":false with "error".
;; Keys (tags) travel as their `~s` text.
;;
;; Differences from raco, on purpose: no documentation database is written (cross-references
;; between workspace documents come from their out<i>.sxref files, installed documents from the
;; installation's and user's databases, read only); no stamp.sxref and no dependencies in
;; in.sxref (the TypeScript side keeps its own stamp); the up link goes to the workspace index
;; instead of the user's doc root.
(require racket/class
         racket/file
         racket/fasl
         racket/list
         racket/path
         racket/serialize
         json
         net/url
         setup/dirs
         setup/doc-db
         setup/xref
         scribble/xref
         scribble/base-render
         scribble/core
         scribble/html-properties
         scribble/tag
         scribble/private/manual-class-struct
         syntax/modcollapse
         compiler/cm
         (prefix-in html: scribble/html-render)
         (prefix-in contract: scribble/contract-render))

(define-namespace-anchor anchor)

(define real-stdout (current-output-port))

;; ----------------------------------------
;; Documents (as the requests describe them)

(struct doc (id src src-dir spec dest-dir flags out-count up-path up-link) #:transparent)

(define (jsexpr->doc j)
  (define src (string->path (hash-ref j 'src)))
  (doc (hash-ref j 'id)
       src
       (path-only src)
       (list* 'lib (hash-ref j 'spec))
       (string->path (hash-ref j 'destDir))
       (map string->symbol (hash-ref j 'flags))
       (hash-ref j 'outCount)
       (string->path (hash-ref j 'upPath))
       (hash-ref j 'upLink)))

(define (flag? d f) (and (memq f (doc-flags d)) #t))
(define (multi-page? d) (flag? d 'multi-page))
(define (sxref-path d name) (build-path (doc-dest-dir d) name))
(define (out-files d)
  (for/list ([i (in-range (add1 (doc-out-count d)))])
    (sxref-path d (format "out~a.sxref" i))))

;; ----------------------------------------
;; The renderer: `make-renderer` of scribble.rkt for a user document that is not in a package
;; (so no indirect links) and not a root document.

(define shared-style-files
  (list "scribble.css" "scribble-style.css" "racket.css" "manual-style.css" "manual-racket.css"
        "manual-racket.js" "manual-fonts.css" "scribble-common.js"))
(define shared-empty-style-files (list "doc-site.css"))
(define shared-empty-script-files (list "doc-site.js"))

(define main-doc-exists? #t)

(define (make-renderer d)
  (define multi? (multi-page? d))
  (define keep-style? (flag? d 'keep-style))
  (define ddir (doc-dest-dir d))
  (define local-redirect-file
    (build-path (if main-doc-exists? (find-doc-dir) (find-user-doc-dir)) "local-redirect" "local-redirect.js"))
  (define local-user-redirect-file (build-path (find-user-doc-dir) "local-redirect" "local-user-redirect.js"))
  (define r
    (new ((if multi? contract:override-render-mixin-multi contract:override-render-mixin-single)
          ((if multi? html:render-multi-mixin values)
           (html:render-mixin render%)))
         [style-file (if keep-style? #f (collection-file-path "manual-style.css" "scribble"))]
         [extra-files (if keep-style? null (list (collection-file-path "manual-fonts.css" "scribble")))]
         [dest-dir (if multi? (let-values ([(base name dir?) (split-path ddir)]) base) ddir)]
         [alt-paths (list* (cons local-redirect-file (url->string (path->url local-redirect-file)))
                           (cons local-user-redirect-file (url->string (path->url local-user-redirect-file)))
                           (for/list ([s (in-list (append shared-style-files shared-empty-style-files shared-empty-script-files))])
                             (cons (collection-file-path s "scribble") (format "../~a" s))))]
         [up-path (doc-up-path d)]
         [root-path #f]
         [style-extra-files (if keep-style?
                                null
                                (cons (collection-file-path "manual-racket.css" "scribble")
                                      (for/list ([s (in-list shared-empty-style-files)])
                                        (collection-file-path s "scribble"))))]
         [search-box? (not (flag? d 'no-search))]))
  (unless keep-style?
    (send r add-extra-script-file (collection-file-path "manual-racket.js" "scribble"))
    (for ([s (in-list shared-empty-script-files)])
      (send r add-extra-script-file (collection-file-path s "scribble"))))
  r)

(define (pick-dest d)
  (if (multi-page? d) (doc-dest-dir d) (build-path (doc-dest-dir d) "index.html")))

;; `check-shared-files` of scribble.rkt: the shared css/js next to the document directories.
(define (check-shared-files d)
  (define dest-dir (simplify-path (build-path (doc-dest-dir d) 'up)))
  (make-directory* dest-dir)
  (for ([f (in-list shared-style-files)])
    (define src (collection-file-path f "scribble"))
    (define dest (build-path dest-dir f))
    (unless (and (file-exists? dest) (equal? (file->bytes src) (file->bytes dest)))
      (with-handlers ([exn:fail:filesystem? (lambda (exn)
                                              (when (file-exists? dest)
                                                (delete-file dest)
                                                (copy-file src dest)))])
        (copy-file src dest #t))))
  (for ([f (in-list (append shared-empty-style-files shared-empty-script-files))])
    (define dest (build-path dest-dir f))
    (unless (file-exists? dest)
      (call-with-output-file* dest void))))

;; ----------------------------------------
;; Loading a document (scribble.rkt's `load-doc/ensure-prefix`, `dynamic-require-doc`)

(define (make-isolated-namespace)
  (let ([p (make-empty-namespace)]
        [ns (namespace-anchor->empty-namespace anchor)])
    (namespace-attach-module ns 'scribble/base-render p)
    (namespace-attach-module ns 'scribble/html-render p)
    (namespace-attach-module ns 'scribble/private/manual-class-struct p)
    p))

(define (with-my-namespace thunk)
  (parameterize ([current-namespace (namespace-anchor->empty-namespace anchor)])
    (thunk)))

(define (dynamic-require-doc mod-path)
  (parameterize ([current-namespace (make-isolated-namespace)])
    (call-in-nested-thread
     (lambda ()
       (define sub `(submod ,mod-path doc))
       (if (module-declared? sub #t)
           (dynamic-require sub 'doc)
           (dynamic-require mod-path 'doc))))))

(define (load-doc/ensure-prefix d)
  (define src-spec (doc-spec d))
  (define v (dynamic-require-doc src-spec))
  (define p (module-path-prefix->string src-spec))
  (when (and (part-tag-prefix v) (not (equal? p (part-tag-prefix v))))
    (error 'setup "bad tag prefix: ~e for: ~a expected: ~e" (part-tag-prefix v) src-spec p))
  (define tags (if (member '(part "top") (part-tags v)) (part-tags v) (cons '(part "top") (part-tags v))))
  (define style (part-style v))
  (make-part p
             tags
             (part-title-content v)
             (let* ([props (style-properties style)]
                    [props (if (ormap body-id? props) props (cons (make-body-id "doc-racket-lang-org") props))]
                    [props (if (ormap document-version? props) props (cons (make-document-version (version)) props))]
                    [props (cons (document-source (collapse-module-path src-spec 'scribble)) props)])
               (make-style (style-name style) props))
             (part-to-collect v)
             (part-blocks v)
             (part-parts v)))

;; ----------------------------------------
;; Cross-reference data of the workspace's documents, from their out<i>.sxref files (cached by
;; file identity, size and mtime: the files change during a run when a document's "run" writes them).

(define workspace-docs '()) ; set by "init"
(define docs-by-id (make-hash))
(define scratch-renderer (new (html:render-mixin render%) [dest-dir (find-system-path 'temp-dir)]))
(define sxref-cache (make-hash)) ; path -> (vector (list identity size mtime) ext-ht)

(define (load-sxref-table file doc-id)
  ;; The files are replaced by rename (`with-compile-output`), so the identity changes with them.
  (define stamp (list (file-or-directory-identity file) (file-size file) (file-or-directory-modify-seconds file)))
  (define cached (hash-ref sxref-cache file #f))
  (if (and cached (equal? stamp (vector-ref cached 0)))
      (vector-ref cached 1)
      (let* ([data (cadr (call-with-input-file* file fasl->s-exp))]
             [ci (send scratch-renderer collect null null (send scratch-renderer traverse null null))])
        (with-my-namespace
         (lambda ()
           (send scratch-renderer deserialize-info data ci #:root (path-only file) #:doc-id doc-id)))
        (define ht (collect-info-ext-ht ci))
        (hash-set! sxref-cache file (vector stamp ht))
        ht)))

;; The other workspace documents' keys: a hash key -> (cons doc-id value).
(define (workspace-keys self-id)
  (define out (make-hash))
  (for ([d (in-list workspace-docs)] #:unless (equal? (doc-id d) self-id))
    ;; raco's doc id for an installed document: the name of its directory.
    (define dir-name (let-values ([(base name dir?) (split-path (doc-dest-dir d))]) (path->string name)))
    (for ([file (in-list (out-files d))] #:when (file-exists? file))
      (with-handlers ([exn:fail? (lambda (exn) (log-warning "nx-raco: ignoring ~a: ~a" file (exn-message exn)))])
        (for ([(k v) (in-hash (load-sxref-table file dir-name))])
          (hash-set! out k (cons (doc-id d) v))))))
  out)

;; raco's `xref-transfer-db`, then the workspace documents' data on top. Returns a shutdown thunk.
(define (transfer-xrefs! renderer ci d ws-keys #:quiet-fail? quiet-fail?)
  (define shutdown void)
  (define xref (make-collections-xref #:quiet-fail? quiet-fail?
                                      #:register-shutdown! (lambda (s) (set! shutdown s))))
  (xref-transfer-info renderer ci xref)
  (define ext (collect-info-ext-ht ci))
  (for ([(k v) (in-hash ws-keys)])
    (hash-set! ext k (cdr v)))
  shutdown)

;; ----------------------------------------
;; Requests

(define (key->string k) (format "~s" k))

(define (write-sxref! d vers file data)
  (make-directory* (doc-dest-dir d))
  (with-compile-output file
    (lambda (out tmp)
      (write-bytes (s-exp->fasl (list (list vers (doc-flags d)) data)) out))))

(define (load-sxref file #:skip [skip 0])
  (call-with-input-file* file
    (lambda (in)
      (for ([i (in-range skip)]) (fasl->s-exp in))
      (fasl->s-exp in))))

;; raco's "in.sxref": the referenced keys and searches of the last run, for "check" (which may
;; happen in another process when a document killed this one). The dependency part is empty:
;; the TypeScript side records dependencies in its stamp.
(define (write-in-sxref! d vers undef searches)
  (with-compile-output (sxref-path d "in.sxref")
    (lambda (out tmp)
      (define head (list vers (doc-flags d)))
      (write-bytes (s-exp->fasl (list head '())) out)
      (write-bytes (s-exp->fasl (list head (serialize (list undef searches)))) out))))

(define (read-in-sxref d)
  (define v (load-sxref (sxref-path d "in.sxref") #:skip 1))
  (with-my-namespace (lambda () (deserialize (cadr v)))))

;; raco's "running:" pass (`get-doc-info`, the branch that runs the document).
(define (run-doc d)
  ;; Paths in the cross-reference data are written collection-relative only when the directory
  ;; already exists, so create it first: otherwise a document's first data differs from all
  ;; later data, and documents linking to it would be rebuilt once for nothing.
  (make-directory* (doc-dest-dir d))
  (parameterize ([current-directory (doc-src-dir d)])
    (define renderer (make-renderer d))
    (define vers (send renderer get-serialize-version))
    (define v (load-doc/ensure-prefix d))
    (define dest (pick-dest d))
    (define fp (send renderer traverse (list v) (list dest)))
    (define ci (send renderer collect (list v) (list dest) fp))
    (define shutdown (transfer-xrefs! renderer ci d (workspace-keys (doc-id d)) #:quiet-fail? #t))
    (define ri (send renderer resolve (list v) (list dest) ci))
    (define n (add1 (doc-out-count d)))
    (define scis (send renderer serialize-infos ri n v))
    (define defss (send renderer get-defineds ci n v))
    (define undef (send renderer get-external ri))
    (define searches (resolve-info-searches ri))
    (define out-vs (with-handlers ([exn:fail? (lambda (exn) #f)])
                     (for/list ([f (in-list (out-files d))]) (load-sxref f))))
    (define changed?
      (or (not out-vs)
          (not (for/and ([out-v (in-list out-vs)]) (equal? (list vers (doc-flags d)) (car out-v))))
          (not (for/and ([sci (in-list scis)] [out-v (in-list out-vs)]) (serialized=? sci (cadr out-v))))))
    (when changed?
      (for ([file (in-list (out-files d))] [sci (in-list scis)])
        (write-sxref! d vers file sci)))
    (write-in-sxref! d vers undef searches)
    (shutdown)
    (hasheq 'outChanged changed?
            'provides (for*/list ([defs (in-list defss)] [k (in-list defs)]) (key->string k)))))

;; raco's "undefined tag" report (`doc-db-check-unsatisfied` over the run's keys): a referenced
;; key is reported unless some document defines it or it is a member of a search; a search is
;; reported when none of its keys is defined.
(define (check-docs ids)
  (define (open p) (and (file-exists? p) (doc-db-file->connection p)))
  (define dbs (filter values (list (open (build-path (find-doc-dir) "docindex.sqlite"))
                                   (open (build-path (find-user-doc-dir) "docindex.sqlite")))))
  (define ws-keys (workspace-keys #f))
  (define (documented? k)
    (or (hash-ref ws-keys k #f)
        (for/or ([db (in-list dbs)]) (and (doc-db-key->path db k) #t))))
  (dynamic-wind
   void
   (lambda ()
    (for/hasheq ([id (in-list ids)]
                 #:when (hash-ref docs-by-id id #f)
                 #:when (file-exists? (sxref-path (hash-ref docs-by-id id) "in.sxref")))
      (define-values (undef searches) (apply values (read-in-sxref (hash-ref docs-by-id id))))
      (define members (for*/hash ([(s set) (in-hash searches)] [k (in-hash-keys set)]) (values k #t)))
      (define missing
        (append
         (for/list ([k (in-list undef)]
                    #:unless (documented? k)
                    #:unless (hash-ref members k #f))
           k)
         (for/list ([(s set) (in-hash searches)]
                    #:unless (for/or ([k (in-hash-keys set)]) (documented? k)))
           s)))
      (values (string->symbol id)
              (sort (remove-duplicates
                     (for/list ([k (in-list missing)] #:unless (and (pair? k) (not (car k))))
                       (key->string k)))
                    string<?))))
   (lambda () (for-each doc-db-disconnect dbs))))

;; The up link as html-render writes it for a path `up-path` (`url->string*`).
(define (up-path->url p)
  (parameterize ([current-url-encode-mode 'unreserved])
    (url->string (path->url p))))

(define (relativize-up-links! d)
  (define from (string->bytes/utf-8 (format "href=\"~a\"" (up-path->url (doc-up-path d)))))
  (define to (string->bytes/utf-8 (format "href=\"~a\"" (doc-up-link d))))
  (for ([f (in-list (directory-list (doc-dest-dir d) #:build? #t))]
        #:when (regexp-match? #rx#"[.]html$" (path->bytes f)))
    (define bs (file->bytes f))
    (define new (regexp-replace* (regexp-quote from) bs (regexp-replace-quote to)))
    (unless (equal? bs new)
      (call-with-output-file* f (lambda (o) (write-bytes new o)) #:exists 'truncate/replace))))

;; Old rendered files (not the xref data) go before rendering, so that a page dropped from a
;; multi-page document does not stay behind.
(define (cleanup-dest-dir d)
  (define dir (doc-dest-dir d))
  (if (directory-exists? dir)
      (for ([f (in-list (directory-list dir #:build? #t))]
            #:when (and (file-exists? f) (not (regexp-match? #rx#"[.]sxref$" (path->bytes f)))))
        (delete-file f))
      (make-directory* dir)))

;; raco's "rendering:" pass (`build-again!`).
(define (render-doc d)
  (check-shared-files d)
  (parameterize ([current-directory (doc-src-dir d)])
    (define renderer (make-renderer d))
    (define v (load-doc/ensure-prefix d))
    (define dest (pick-dest d))
    (define fp (send renderer traverse (list v) (list dest)))
    (define ci (send renderer collect (list v) (list dest) fp))
    (define ws-keys (workspace-keys (doc-id d)))
    (define shutdown (transfer-xrefs! renderer ci d ws-keys #:quiet-fail? #f))
    (define ri (send renderer resolve (list v) (list dest) ci))
    (cleanup-dest-dir d)
    (parameterize ([current-namespace (make-isolated-namespace)])
      (send renderer render (list v) (list dest) ri))
    (relativize-up-links! d)
    (define synced (build-path (doc-dest-dir d) "synced.rktd"))
    (unless (file-exists? synced) (close-output-port (open-output-file synced)))
    (define undef (resolve-info-undef ri))
    (define refs (remove-duplicates
                  (for*/list ([(k v) (in-hash undef)] #:when (eq? v 'found) [p (in-value (hash-ref ws-keys k #f))] #:when p)
                    (car p))))
    (define title (let ([c (part-title-content v)])
                    (and c (content->string c renderer v ri))))
    (shutdown)
    (hasheq 'title (or title 'null)
            'refs (sort refs string<?)
            'undefined (sort (for/list ([k (in-list (send renderer get-undefined ri))]) (key->string k)) string<?))))

;; ----------------------------------------
;; The request loop

(define (reply! h)
  (write-json h real-stdout)
  (newline real-stdout)
  (flush-output real-stdout))

(define (exn->text e)
  (if (exn? e) (exn-message e) (format "uncaught exception: ~e" e)))

;; Runs `thunk` with the document's output captured; its result hash is the reply body.
(define (with-captured-output op thunk)
  (define out (open-output-string))
  (define err (open-output-string))
  (define result
    (with-handlers ([(lambda (e) #t) (lambda (e) (hasheq 'ok #f 'error (exn->text e)))])
      (parameterize ([current-output-port out] [current-error-port err])
        (hash-set (thunk) 'ok #t))))
  (reply! (hash-set* result 'op op 'stdout (get-output-string out) 'stderr (get-output-string err))))

(define (main)
  (let loop ()
    (define req (read-json))
    (unless (eof-object? req)
      (case (hash-ref req 'op)
        [("init")
         (set! workspace-docs (map jsexpr->doc (hash-ref req 'docs)))
         (for ([d (in-list workspace-docs)]) (hash-set! docs-by-id (doc-id d) d))
         (reply! (hasheq 'op "ready"))
         (loop)]
        [("run")
         (with-captured-output "ran" (lambda () (run-doc (jsexpr->doc (hash-ref req 'doc)))))
         (collect-garbage)
         (loop)]
        [("check")
         (with-captured-output "checked" (lambda () (hasheq 'undefined (check-docs (hash-ref req 'ids)))))
         (loop)]
        [("render")
         (with-captured-output "rendered" (lambda () (render-doc (jsexpr->doc (hash-ref req 'doc)))))
         (collect-garbage)
         (loop)]
        [("quit") (void)]
        [else (reply! (hasheq 'op "error" 'ok #f 'error (format "unknown op: ~s" (hash-ref req 'op #f)) 'stdout "" 'stderr ""))
              (loop)]))))

(module+ main (main))
