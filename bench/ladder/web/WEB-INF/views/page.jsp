<%@ page contentType="text/html;charset=UTF-8" session="false" %><!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Ladder</title></head>
<body><p>Hello, ${name}.</p></body></html>
