# Đơn vị hành chính: chọn tỉnh → xã, chuyển địa chỉ cũ sang đơn vị mới (từ 1/7/2025).

units-title = Địa chỉ theo đơn vị hành chính mới
units-intro = Từ 1/7/2025 không còn cấp huyện. Nhập địa chỉ cũ như ghi trên thẻ để xem xã, phường và tỉnh mới.
units-convert-label = Địa chỉ cũ
units-convert-placeholder = Ví dụ: 12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh
units-convert-button = Chuyển đổi
units-result-title = Địa chỉ mới
units-result-split = Xã, phường cũ đã được chia cho nhiều đơn vị mới. Hãy hỏi người dân nơi ở cụ thể và chọn đúng đơn vị:
units-already-new = Địa chỉ đã theo đơn vị hành chính mới.
units-old-was = Trước đây: { $old }
units-unsure = Chưa chắc chắn: “{ $typed }” được hiểu là { $read }. Hãy hỏi lại người dân hoặc xem giấy tờ.
units-unsure-others = Cũng có thể là: { $others }.
units-unsure-pick = Đúng là { $name }
units-former = “{ $typed }” là tên trước đây; nay là { $now }.
units-if-so = Nếu đúng như vậy, địa chỉ mới là:
units-picker-province = Tỉnh, thành phố
units-picker-commune = Xã, phường, đặc khu
units-picker-choose = — Chọn —

cli-units-none = Không tìm thấy xã, phường phù hợp.
cli-units-converted = Địa chỉ mới:
cli-units-converted-split = Đơn vị cũ đã được chia; các địa chỉ mới có thể là (khả năng cao nhất trước):
