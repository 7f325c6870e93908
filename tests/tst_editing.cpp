// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

class tst_editing : public QObject
{
    Q_OBJECT
private slots:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_MAIN(tst_editing)
#include "tst_editing.moc"
