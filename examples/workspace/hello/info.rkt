#lang info
(define collection "hello")
(define version "1.0")
(define deps '("base" "greeting"))
(define build-deps '("rackunit-lib"))
(define racket-launcher-names '("hello"))
(define racket-launcher-libraries '("main.rkt"))
(define pkg-desc (string-append "Says hello" " from an nx-raco example"))
(define supported-languages `(en ,@'(fr de)))
