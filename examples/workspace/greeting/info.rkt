#lang info
(define collection "greeting")
(define version "1.0")
(define deps '("base"))
(define pkg-desc "Greetings in several languages")
(define pkg-authors '(nx-raco))
(define languages '(en fr de))
(define compile-omit-paths (list "scratch"))
(define test-omit-paths compile-omit-paths)
